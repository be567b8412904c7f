/**
 * The part of autocannon's API the burst uses (the package ships no types;
 * @types/autocannon would be one more dependency for five signatures).
 */
declare module 'autocannon' {
  type Context = Record<string, unknown>;
  interface RequestSpec {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  interface Request extends RequestSpec {
    setupRequest?: (req: RequestSpec, context: Context) => RequestSpec;
    onResponse?: (status: number, body: string, context: Context, headers: Record<string, string>) => void;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    requests?: Request[];
  }
  interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
  }
  interface Instance extends PromiseLike<Result> {
    on(
      event: 'response',
      listener: (client: unknown, status: number, bytes: number, responseTime: number) => void,
    ): this;
    stop(): void;
  }
  export default function autocannon(options: Options): Instance;
}
