/**
 * The public survey page's only script (served as /survey/enhance.js; the page
 * itself is plain HTML from the API and works without it). It makes answering
 * survive a weak network: the answer is kept on the device first, sent as one
 * small JSON request, and sent again when the connection returns. Each press
 * of "send" gets one submission id, so a retry of the same answer is stored
 * once; a later answer from this device replaces the earlier one.
 *
 * Kept free of any framework and of the staff app: budget ≤ 30 KB gzipped for
 * all of the page's JavaScript (bench/).
 */
interface Pending {
  body: { deviceId: string; submissionId: string; answers: Record<string, unknown> };
  /** Tries so far, for the growing wait between them. */
  tries: number;
}

const SCALE = /^(understanding|usefulness)/;

function answersOf(form: HTMLFormElement): Record<string, unknown> {
  const data = new FormData(form);
  const answers: Record<string, unknown> = {};
  for (const key of new Set(data.keys())) {
    if (key === 'deviceId' || key === 'submissionId') continue;
    const values = data.getAll(key).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (!values.length) continue;
    if (key === 'measures') answers[key] = values;
    else if (SCALE.test(key)) answers[key] = Number(values[0]);
    else answers[key] = values[0]!.trim();
  }
  return answers;
}

function enhance(form: HTMLFormElement): void {
  const code = form.dataset.survey ?? '';
  const storageKey = `sillat-survey:${code}`;
  const status = form.querySelector<HTMLElement>('.status');
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  const field = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sending = false;

  const say = (message: string, alert = false) => {
    if (!status) return;
    status.setAttribute('role', alert ? 'alert' : 'status');
    status.textContent = message;
  };
  const read = (): Pending | undefined => {
    try {
      return JSON.parse(localStorage.getItem(storageKey) ?? 'null') ?? undefined;
    } catch {
      return undefined;
    }
  };
  const keep = (p: Pending | undefined) => {
    try {
      if (p) localStorage.setItem(storageKey, JSON.stringify(p));
      else localStorage.removeItem(storageKey);
    } catch {
      // Private mode without storage: the answer still goes out while this page stays open.
    }
  };

  // The device keeps its id for this survey, so answering again replaces rather than adds.
  const deviceKey = `sillat-device:${code}`;
  const deviceField = field('deviceId');
  if (deviceField) {
    try {
      const known = localStorage.getItem(deviceKey);
      if (known) deviceField.value = known;
      else localStorage.setItem(deviceKey, deviceField.value);
    } catch {
      // Storage unavailable: the cookie-backed id from the page is used.
    }
  }

  async function send(pending: Pending): Promise<void> {
    if (sending) return;
    sending = true;
    clearTimeout(timer);
    if (button) button.disabled = true;
    say(form.dataset.sending ?? '');
    let retryAfter: number | undefined;
    try {
      const res = await fetch(`/api/surveys/${encodeURIComponent(code)}/responses`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(pending.body),
        credentials: 'omit',
      });
      if (res.ok) {
        keep(undefined);
        say(form.dataset.sent ?? '');
        return;
      }
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
        // Refused for good (closed, not valid): trying again would not help; say why.
        keep(undefined);
        const body = (await res.json().catch(() => null)) as {
          error?: { message?: string; details?: { message: string }[] };
        } | null;
        const detail = body?.error?.details?.map((d) => d.message).join(' ') ?? '';
        say(`${form.dataset.error ?? ''}: ${body?.error?.message ?? res.status} ${detail}`.trim(), true);
        return;
      }
      retryAfter = Number(res.headers.get('retry-after')) || undefined;
    } catch {
      // Offline or the connection dropped: kept below and sent later.
    } finally {
      sending = false;
      if (button) button.disabled = false;
    }
    pending.tries += 1;
    keep(pending);
    say(form.dataset.savedOffline ?? '');
    const wait = retryAfter ? retryAfter * 1000 : Math.min(60_000, 2000 * 2 ** Math.min(pending.tries - 1, 5));
    timer = setTimeout(() => {
      const now = read();
      if (now) void send(now);
    }, wait);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const pending: Pending = {
      body: {
        deviceId: deviceField?.value ?? crypto.randomUUID(),
        submissionId: crypto.randomUUID(),
        answers: answersOf(form),
      },
      tries: 0,
    };
    keep(pending);
    void send(pending);
  });
  window.addEventListener('online', () => {
    const pending = read();
    if (pending) void send(pending);
  });

  // An answer left from an earlier visit (closed tab, lost connection) goes out now.
  const left = read();
  if (left) void send(left);
}

const form = document.querySelector<HTMLFormElement>('form[data-survey]');
if (form) enhance(form);
