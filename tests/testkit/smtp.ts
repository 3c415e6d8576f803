// A real SMTP server on loopback for one test file (the smtp-server package): it speaks SMTP to nodemailer
// exactly like a mail relay, keeps every accepted message (parsed by mailparser) and can refuse chosen
// recipients for good (550) or for now (451).
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  replyTo: string | null;
}

export interface TestSmtp {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Recipients refused with 550 (permanent). */
  reject: Set<string>;
  /** Recipients refused with 451 (temporary). */
  defer: Set<string>;
  /** Resolves with the first message to `to` matching `pred` (waits up to `ms`). */
  waitFor(to: string, pred?: (m: ReceivedMail) => boolean, ms?: number): Promise<ReceivedMail>;
  to(address: string): ReceivedMail[];
  stop(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const reject = new Set<string>();
  const defer = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, cb) {
      const a = address.address.toLowerCase();
      if (reject.has(a)) return cb(Object.assign(new Error("5.1.1 Нет такого почтового ящика"), { responseCode: 550 }));
      if (defer.has(a)) return cb(Object.assign(new Error("4.2.1 Ящик временно недоступен"), { responseCode: 451 }));
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((p) => {
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: typeof session.envelope.mailFrom === "object" && session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: p.subject ?? "",
            text: p.text ?? "",
            html: typeof p.html === "string" ? p.html : "",
            messageId: p.messageId ?? "",
            replyTo: p.replyTo?.text ?? null,
          });
          cb();
        })
        .catch((e) => cb(e));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  const to = (address: string) => messages.filter((m) => m.to.includes(address.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    reject,
    defer,
    to,
    async waitFor(address, pred = () => true, ms = 15_000) {
      const until = Date.now() + ms;
      for (;;) {
        const m = to(address).find(pred);
        if (m) return m;
        if (Date.now() > until) throw new Error(`no mail to ${address} within ${ms} ms (got ${messages.length} in all)`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
