import type { CDPSession } from '@playwright/test';

export interface WireTotals {
  readonly requests: number;
  /** Bytes received, headers included (`Network.loadingFinished.encodedDataLength`). */
  readonly bytes: number;
  /** Answers of 400 and above, and requests that failed: either site missing a file it should have. */
  readonly errors: readonly string[];
}

/** Every request of the page and its workers, as Chromium's network stack counted it. */
export class WireLog {
  #requests = 0;
  #bytes = 0;
  #errors: string[] = [];
  readonly #urls = new Map<string, string>();

  private constructor(cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
      this.#requests++;
      this.#urls.set(requestId, request.url);
    });
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      if (response.status >= 400) this.#errors.push(`${response.status} ${this.#urls.get(requestId) ?? response.url}`);
    });
    cdp.on('Network.loadingFinished', ({ encodedDataLength }) => {
      this.#bytes += encodedDataLength;
    });
    cdp.on('Network.loadingFailed', ({ requestId, errorText, canceled }) => {
      // Cesium cancels requests for tiles the camera no longer needs: not a site's failure.
      if (!canceled) this.#errors.push(`${errorText} ${this.#urls.get(requestId) ?? ''}`);
    });
  }

  static async attach(cdp: CDPSession): Promise<WireLog> {
    const log = new WireLog(cdp);
    await cdp.send('Network.enable');
    return log;
  }

  totals(): WireTotals {
    return { requests: this.#requests, bytes: this.#bytes, errors: [...this.#errors] };
  }
}
