/**
 * The send life cycle, as a Lit reactive controller: the crypto chunk loading on idle, one send at
 * a time, hide() cancelling a send whose POST has not started, and the outcome (sent, or failed
 * with the reason and the verified card's contact details). The element keeps the form, the
 * status line and the focus.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Config } from './config.js';
import { withDeadline } from './deadline.js';
import { VpErrorEvent, VpSentEvent } from './events.js';
import type { FieldErrors, FormValues } from './form-values.js';
import { loadSend } from './load-send.js';
import type { FailureReason, LateMessages } from './messages.js';
import type { RequestContext } from './request.js';
import type { Card, SendFailureReason } from './send.js';

export type Phase = 'form' | 'sending' | 'sent' | 'failed';
type SendModule = Awaited<ReturnType<typeof loadSend>>;

export interface SendSettings {
  config: Config | null;
  timeoutMs: number;
  publicKey: string;
  /** The embed's promised response time (hours or working days), which wins over the card's hours. */
  response: { n: number; days: boolean } | null;
}

export class SendController implements ReactiveController {
  phase: Phase = 'form';
  failure: FailureReason | null = null;
  sent: { reference: string; promise: { n: number; days: boolean } | null } | null = null;
  /** The last verified mailbox card's name, contact and response time: the only provider details not from the embed. */
  card: Card | null = null;
  /** The send under way: cancel() stops it while its POST has not started (see the README). */
  inFlight?: { cancelled: boolean; posting: boolean } | undefined;
  /** The employee hid the form while the POST was on its way: the text is gone, so a failure must not say it is kept. */
  hiddenWhilePosting?: boolean;
  private module: Promise<SendModule> | null = null;
  /** The crypto chunk once it is there: the Dutch late texts and the confirmation come from it. */
  loaded: SendModule | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly settings: () => SendSettings,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // For every visitor, not on the first touch of the form: the intranet's access log then does
    // not show who started to fill it in. Safari has no requestIdleCallback: there it starts at
    // once (setTimeout reads the options object as a delay of 0).
    (window.requestIdleCallback ?? setTimeout)(this.warmUp, { timeout: 3000 });
  }

  /** Starts loading the crypto (on idle, or at the latest when sending). */
  warmUp = (): void => {
    if (this.module || !this.settings().config) return;
    const loading = loadSend();
    this.module = loading;
    loading.catch(() => {
      if (this.module === loading) this.module = null;
    });
  };

  /**
   * The form's checks, which live in the crypto chunk: null when that chunk cannot be had (then
   * send() fails closed with crypto-unavailable, as nothing could be sent anyway).
   */
  async validate(values: FormValues, t: LateMessages['errors'] | undefined, choices: { regions: string[]; units: string[] }): Promise<FieldErrors | null> {
    this.warmUp();
    const loading = this.module;
    if (!loading) return null;
    try {
      const module = await withDeadline(loading, this.settings().timeoutMs);
      this.loaded = module;
      return module.validate(values, t, choices);
    } catch {
      return null;
    }
  }

  /** Back to an empty form: the employee hid the widget. A POST already under way finishes (see hide() in the element). */
  cancel(): void {
    const sending = this.inFlight;
    if (sending && !sending.posting) sending.cancelled = true;
    // A POST already under way may have reached the relay: it finishes, and its reference (or
    // failure) shows when the widget is opened again. Until then the send button stays disabled.
    this.hiddenWhilePosting = !!sending?.posting;
    this.failure = null;
    this.sent = null;
    if (!this.hiddenWhilePosting) this.phase = 'form';
  }

  /** Shows the form again after a check of the form failed or a request was sent. */
  reset(): void {
    this.failure = null;
    this.sent = null;
    this.phase = 'form';
    this.host.requestUpdate();
  }

  /**
   * Builds the request from the form's `values`, encrypts and sends it. Resolves with the outcome
   * once the host shows it; 'cancelled' when the employee hid the widget before the POST.
   */
  async send(values: FormValues, context: RequestContext): Promise<'sent' | 'failed' | 'cancelled'> {
    const { config, timeoutMs, publicKey, response } = this.settings();
    const sending = { cancelled: false, posting: false };
    this.inFlight = sending;
    this.hiddenWhilePosting = false;
    this.phase = 'sending';
    this.failure = null;
    this.host.requestUpdate();
    try {
      this.warmUp();
      const loading = this.module!;
      let module: SendModule;
      try {
        module = await withDeadline(loading, timeoutMs);
      } catch (error) {
        // A chunk that never came (or failed) is asked for afresh on the next try.
        if (this.module === loading) this.module = null;
        throw Object.assign(new Error(String(error)), { reason: 'crypto-unavailable' as const });
      }
      this.loaded = module;
      const request = await module.buildRequest(values, context);
      const receipt = await module.sendRequest(request, {
        ...config!,
        publicKey: publicKey.trim() || undefined,
        timeoutMs,
        // Asked just before the POST: from a yes on, cancel() lets the send finish instead of stopping it.
        mayPost: () => (sending.posting = !sending.cancelled),
      });
      this.card = receipt.card;
      const hours = receipt.card.responseHours;
      this.sent = { reference: request.reference, promise: response ?? (hours > 0 ? { n: hours, days: false } : null) };
      this.phase = 'sent';
      this.host.requestUpdate();
      this.host.dispatchEvent(new VpSentEvent());
      return 'sent';
    } catch (error) {
      const reason: SendFailureReason = (error as { reason?: SendFailureReason }).reason ?? 'crypto-unavailable';
      // Hidden before the POST: the employee chose to stop, and nothing was sent. Nothing to show.
      if (reason === 'cancelled' || sending.cancelled) return 'cancelled';
      this.card = (error as { card?: Card | null }).card ?? null;
      // Never the request itself: only what went wrong, for the employer's console.
      console.warn(`vp-contact: the request was not sent (${reason}).`, error instanceof Error ? error.message : '');
      this.failure = reason;
      this.phase = 'failed';
      this.host.requestUpdate();
      this.host.dispatchEvent(new VpErrorEvent({ code: reason }));
      return 'failed';
    } finally {
      if (this.inFlight === sending) this.inFlight = undefined;
    }
  }
}
