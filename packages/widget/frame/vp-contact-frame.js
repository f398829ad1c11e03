// In the frame page: tells the parent page the frame's height, so the intranet can size the
// iframe without scroll bars. Nothing else ever leaves the frame this way: the message is only a
// number, and it goes only to the intranet origins the page was made for (its meta
// vp-contact-frame-parents, the same list as the page's frame-ancestors).
const parents = (document.querySelector('meta[name="vp-contact-frame-parents"]')?.getAttribute('content') ?? '').split(/\s+/).filter(Boolean);
if (window.parent !== window && parents.length > 0) {
  // Where the browser says who the parent is (Chromium, Safari), post only there; elsewhere to
  // each allowed origin, and the browser delivers only to the one that matches.
  const known = globalThis.location.ancestorOrigins?.[0];
  const targets = known ? parents.filter((origin) => origin === known) : parents;
  let last = -1;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    for (const origin of targets) window.parent.postMessage(height, origin);
  };
  new ResizeObserver(report).observe(document.documentElement);
}
