/** The workplace's one script: defines <vp-workplace> and the screens it shows. */
import './vp-workplace.js';
