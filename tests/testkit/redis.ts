// A real redis-server (Debian's package) started by the test itself on 127.0.0.1, never as a service.
// scripts/ensure-redis.sh installs the package when it is missing.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export interface TestRedis {
  url: string;
  port: number;
  /** Kills the server (an outage: no graceful shutdown). */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });

export async function startRedis(): Promise<TestRedis> {
  execFileSync("bash", [fileURLToPath(new URL("../../scripts/ensure-redis.sh", import.meta.url))], { stdio: "inherit" });
  const port = await freePort();
  let proc: ChildProcess | null = null;
  const start = async () => {
    // No persistence, loopback only, no protected-mode surprises: a throwaway bus for one test file.
    const p = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    proc = p;
    await new Promise<void>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
      const poll = setInterval(() => {
        const probe = createServer();
        // Ready once the port is taken.
        probe.once("error", () => {
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        });
        probe.listen(port, "127.0.0.1", () => probe.close());
      }, 50);
      p.stdout!.on("data", (d) => (out += d));
      p.stderr!.on("data", (d) => (out += d));
      p.once("exit", (code) => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${out}`));
      });
    });
  };
  const kill = async () => {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once("exit", () => resolve());
      p.kill("SIGKILL");
    });
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, kill, start, stop: kill };
}
