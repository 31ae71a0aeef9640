/** A request the server refused or could not answer: its error code and message, or the network's. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Parser<T> {
  parse(value: unknown): T;
}

/** Sends a request and checks the answer against its schema; a refusal becomes an ApiError with the server's code. */
export async function requestJson<T>(url: string, schema: Parser<T>, init: RequestInit & { token?: string } = {}): Promise<T> {
  const { token, headers, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(url, {
      ...rest,
      headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(rest.body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The server cannot be reached.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const refusal = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    throw new ApiError(
      response.status,
      typeof refusal?.code === 'string' ? refusal.code : `http_${response.status}`,
      typeof refusal?.message === 'string' ? refusal.message : `HTTP ${response.status}`,
    );
  }
  try {
    return schema.parse(body);
  } catch {
    throw new ApiError(response.status, 'bad_answer', `The server's answer to ${new URL(url, 'http://x').pathname} does not match the protocol.`);
  }
}
