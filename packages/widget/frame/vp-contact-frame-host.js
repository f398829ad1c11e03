// On the intranet page (where it may run a script of its own): gives each
// <iframe data-vp-contact-frame> the height its frame reports. It accepts only a plain number,
// only from that iframe's own window and origin, and only within sane bounds; nothing else.
const MAX_HEIGHT = 20_000;
addEventListener('message', (event) => {
  for (const iframe of document.querySelectorAll('iframe[data-vp-contact-frame]')) {
    if (event.source !== iframe.contentWindow) continue;
    if (event.origin !== new URL(iframe.src, document.baseURI).origin) return;
    const height = event.data;
    if (typeof height !== 'number' || !Number.isFinite(height) || height < 0 || height > MAX_HEIGHT) return;
    // Set through the CSSOM, which a strict style-src allows (a style attribute it would not).
    iframe.style.height = `${Math.ceil(height)}px`;
    iframe.style.border = '0';
    return;
  }
});
