/**
 * The language the element speaks, as a Lit reactive controller: its own lang attribute, else the
 * nearest [lang] ancestor, else Dutch. Dutch is in the first chunk; the English texts load on first
 * need, once per page, and until they are there the element waits rather than flash Dutch.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { withDeadline } from './deadline.js';
import { loadEnglish } from './load-english.js';
import { nl, resolveLang, type Lang, type Messages } from './messages.js';

/**
 * The English texts, shared by every element on the page: undefined until loaded, null when
 * loading failed (the element then speaks Dutch, the default).
 */
let english: Messages | null | undefined;
let englishLoading: Promise<void> | undefined;

function loadEnglishOnce(timeoutMs: number): Promise<void> {
  englishLoading ??= withDeadline(loadEnglish(), timeoutMs).then(
    (module) => {
      english = module.en;
    },
    (error: unknown) => {
      english = null;
      console.warn('vp-contact: the English texts could not be loaded, so the widget speaks Dutch.', error instanceof Error ? error.message : '');
    },
  );
  return englishLoading;
}

type Host = ReactiveControllerHost & HTMLElement;

export class LocalizeController implements ReactiveController {
  /** Set while the English texts load: the host renders nothing until then. */
  loading: Promise<void> | null = null;
  private wanted: Lang = 'nl';

  constructor(
    private readonly host: Host,
    private readonly timeoutMs: () => number,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.hostUpdate();
  }

  /** Before every render: the lang attribute, or an ancestor's, may have changed. */
  hostUpdate(): void {
    this.wanted = resolveLang(this.host, this.host.lang);
    if (this.wanted !== 'en' || english !== undefined || this.loading) return;
    this.loading = loadEnglishOnce(this.timeoutMs()).then(() => {
      this.loading = null;
      this.host.requestUpdate();
    });
  }

  /** The language spoken: English only once its texts are there. */
  get lang(): Lang {
    return this.wanted === 'en' && english ? 'en' : 'nl';
  }

  get t(): Messages {
    return this.lang === 'en' ? english! : nl;
  }
}
