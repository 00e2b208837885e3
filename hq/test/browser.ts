import type { FastifyInstance } from "fastify";
import { sessionStateSchema } from "../../contract/dashboard";

export const OWNER = { email: "owner@chain.example", password: "a long owner passphrase" };

/**
 * A browser as the service sees it: its cookies, its address, the page's origin. It comes through the TLS proxy on
 * loopback, which names its address in X-Forwarded-For, unless `peer` says it connects from there itself (its
 * X-Forwarded-For then is whatever it wrote).
 */
export class Browser {
  cookies = new Map<string, string>();
  csrf = "";
  constructor(
    private readonly app: FastifyInstance,
    readonly address = "203.0.113.7",
    readonly tls = false,
    readonly peer?: string,
  ) {}
  private headers(extra: Record<string, string> = {}) {
    const h: Record<string, string> = { "x-forwarded-for": this.address, host: "hq.chain.example" };
    if (this.tls) h["x-forwarded-proto"] = "https";
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return { ...h, ...extra };
  }
  async request(method: "GET" | "POST", url: string, payload?: object, extra: Record<string, string> = {}) {
    const res = await this.app.inject({
      method,
      url,
      headers: this.headers(extra),
      ...(payload ? { payload } : {}),
      ...(this.peer ? { remoteAddress: this.peer } : {}),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === "" || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
  async open() {
    const res = await this.request("GET", "/api/session");
    const state = sessionStateSchema.parse(res.json());
    this.csrf = state.csrf;
    return state;
  }
  post(url: string, payload: object = {}, extra: Record<string, string> = {}) {
    return this.request("POST", url, payload, {
      "x-csrf-token": this.csrf,
      origin: `${this.tls ? "https" : "http"}://hq.chain.example`,
      ...extra,
    });
  }
  async signIn(email = OWNER.email, password = OWNER.password) {
    if (!this.csrf) await this.open();
    const res = await this.post("/api/sign-in", { email, password });
    if (res.statusCode === 200) this.csrf = sessionStateSchema.parse(res.json()).csrf;
    return res;
  }
}
