// The dashboard's calls to /api/v1. The session is the HttpOnly cookie the login sets; nothing
// is kept in localStorage, and no message text ever goes into a URL the browser keeps.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  // Endpoints that this server does not have yet answer 404 with code not_found and
  // "no such endpoint".
  get missingEndpoint() {
    return this.status === 404 && /no such endpoint/.test(this.message);
  }
}

// api('/cases') -> parsed JSON (or text for non-JSON replies). Throws ApiError.
export async function api(path, {method = 'GET', body, type} = {}) {
  const init = {method, credentials: 'same-origin', headers: {Accept: 'application/json'}};
  if (body !== undefined) {
    if (typeof body === 'string') {
      init.body = body;
      init.headers['Content-Type'] = type || 'text/plain; charset=utf-8';
    } else {
      init.body = JSON.stringify(body);
      init.headers['Content-Type'] = 'application/json';
    }
  }
  let res;
  try {
    res = await fetch(`/api/v1${path}`, init);
  } catch (e) {
    throw new ApiError(0, 'offline', 'The service cannot be reached. Is `stalkguard serve` running?');
  }
  const contentType = res.headers.get('Content-Type') || '';
  if (!res.ok) {
    let code = `http_${res.status}`;
    let message = res.statusText || 'The request failed';
    try {
      const e = await res.json();
      if (e && e.error) {
        code = e.error.code || code;
        message = e.error.message || message;
      }
    } catch (ignored) {
      // Not JSON: keep the status text.
    }
    throw new ApiError(res.status, code, message);
  }
  return contentType.includes('json') ? res.json() : res.text();
}

export function casePath(id) {
  return `/cases/${encodeURIComponent(id)}`;
}
