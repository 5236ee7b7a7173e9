// Calls to the gateway with the caller's API key; errors carry the gateway's {code, message}.

export class ApiCallError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.name = 'ApiCallError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * `json(path, init?)` parses a JSON answer (a body given as an object is sent as JSON);
 * `text(path)` returns the raw text (e.g. `?format=csv`). A 401 calls `onUnauthenticated`.
 */
export function createApi(apiKey, onUnauthenticated) {
  async function call(path, init = {}) {
    const headers = { authorization: `Bearer ${apiKey}`, ...(init.headers ?? {}) };
    let body = init.body;
    if (body !== undefined && typeof body !== 'string') {
      body = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(path, { ...init, headers, body });
    if (!response.ok) {
      let error = { code: 'HTTP_' + response.status, message: response.statusText };
      try {
        error = await response.json();
      } catch {
        // not the gateway's error shape
      }
      if (response.status === 401 && path !== '/v1/me') {
        onUnauthenticated();
      }
      throw new ApiCallError(response.status, error.code, error.message ?? `${response.status}`, error.details);
    }
    return response;
  }
  return {
    json: async (path, init) => {
      const response = await call(path, init);
      const text = await response.text();
      return text === '' ? undefined : JSON.parse(text);
    },
    text: async (path) => (await call(path)).text(),
  };
}
