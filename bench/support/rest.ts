/** The REST gateways as the benchmark calls them: the demo API keys `npm start` wrote, each sent to its own org's gateway. */
import fs from 'node:fs';
import path from 'node:path';
import { describeError, type Outcome } from './stats';

export interface RestResponse {
  readonly status: number;
  readonly body: unknown;
}

export class RestClient {
  private readonly keys: ReadonlyMap<string, { apiKey: string; url: string }>;

  /** `url` is used for a key that names none (GATEWAY_URL); otherwise each key goes to its own org's gateway. */
  constructor(
    readonly url: string | undefined,
    keysFile: string,
  ) {
    const parsed = JSON.parse(fs.readFileSync(keysFile, 'utf8')) as { keys: { name: string; apiKey: string; url?: string }[] };
    // No default address: each org's gateway is on its own org's address, which the key's url names.
    this.keys = new Map(
      parsed.keys.map((k) => {
        const target = url ?? k.url;
        if (target === undefined) {
          throw new Error(`${keysFile}: the key ${k.name} names no gateway URL (set GATEWAY_URL)`);
        }
        return [k.name, { apiKey: k.apiKey, url: target }];
      }),
    );
  }

  /** The gateways `npm start` launched with the same environment: their URLs beside the keys in SCF_DATA_DIR. */
  static fromEnvironment(dataDir: string): RestClient {
    const url = process.env.GATEWAY_URL;
    const keysFile = process.env.DEMO_KEYS ?? path.join(dataDir, 'gateway', 'demo-credentials.json');
    if (!fs.existsSync(keysFile)) {
      throw new Error(`no demo API keys at ${keysFile}: is the network up (npm start)?`);
    }
    return new RestClient(url, keysFile);
  }

  /** Every distinct gateway URL the keys name. */
  urls(): string[] {
    return [...new Set([...this.keys.values()].map((k) => k.url))];
  }

  async request(participant: string, method: string, urlPath: string, body?: unknown): Promise<RestResponse> {
    const key = this.keys.get(participant);
    if (key === undefined) {
      throw new Error(`no demo key for ${participant}`);
    }
    const response = await fetch(`${key.url}${urlPath}`, {
      method,
      headers: { authorization: `Bearer ${key.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text.length > 0 ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      // not JSON (e.g. /metrics)
    }
    return { status: response.status, body: parsed };
  }

  /** request, throwing unless 2xx. */
  async ok<T>(participant: string, method: string, urlPath: string, body?: unknown): Promise<T> {
    const response = await this.request(participant, method, urlPath, body);
    if (response.status >= 300) {
      throw new Error(`${method} ${urlPath} as ${participant}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
    }
    return response.body as T;
  }

  /** A write classified for the load runner: 409 CONFLICT (MVCC after the gateway's retries) is a conflict. */
  async classified(
    participant: string,
    method: string,
    urlPath: string,
    body?: unknown,
    accept: (r: RestResponse) => boolean = (r) => r.status < 300,
  ): Promise<{ outcome: Outcome; detail?: string }> {
    try {
      const response = await this.request(participant, method, urlPath, body);
      if (accept(response)) {
        return { outcome: 'ok' };
      }
      const code = (response.body as { code?: string } | undefined)?.code ?? '';
      return {
        outcome: code === 'CONFLICT' ? 'conflict' : 'failed',
        detail: `${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
      };
    } catch (error) {
      return { outcome: 'failed', detail: describeError(error) };
    }
  }
}
