// GET /v1/events read with fetch (EventSource cannot send the Authorization header).

/** Parses `event:`/`data:` frames from a text/event-stream; reconnects with backoff until closed. */
export function openEventStream(apiKey, { onBlock, onOpen, onDown }) {
  let controller;
  let closed = false;
  let failures = 0;

  async function connect() {
    controller = new AbortController();
    const response = await fetch('/v1/events', {
      headers: { authorization: `Bearer ${apiKey}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (!response.ok || !response.body) {
      throw new Error(`events: HTTP ${response.status}`);
    }
    failures = 0;
    onOpen();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data = [];
        for (const line of frame.split('\n')) {
          if (line.startsWith('event:')) {
            event = line.slice(6).trim();
          } else if (line.startsWith('data:')) {
            data.push(line.slice(5).trimStart());
          }
        }
        if (event === 'block' && data.length > 0) {
          onBlock(JSON.parse(data.join('\n')));
        }
      }
    }
  }

  async function run() {
    while (!closed) {
      try {
        await connect();
      } catch {
        // dropped or refused: retried below
      }
      if (closed) {
        return;
      }
      onDown();
      failures += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** Math.min(failures, 6))));
    }
  }
  void run();
  return {
    close: () => {
      closed = true;
      controller?.abort();
    },
  };
}
