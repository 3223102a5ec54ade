import net from "node:net";

export interface CuttableProxy {
  /** The target's URL with its host and port replaced by the proxy's. */
  url: string;
  /**
   * Drop every connection and refuse new ones, as a stopped server does; with `reset`, the connections end with a
   * TCP reset (the client reads ECONNRESET), as when the server's host goes away under a request.
   */
  cut(options?: { reset?: boolean }): Promise<void>;
  /** Let requests through to the target but hold its answers back, so they stay in flight until a cut. */
  holdAnswers(): void;
  /** Bytes the clients have sent through the proxy so far (a request has reached the target once this grows). */
  bytesSent(): number;
  /** Accept connections again (on the same port). */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback in front of a database or Redis that a test can cut and restore: an outage of a real
 * server, without stopping the server other test files share (stopping real servers is test:faults' job).
 */
export async function startCuttableProxy(targetUrl: string): Promise<CuttableProxy> {
  const target = new URL(targetUrl);
  // The embedded database is on a Unix socket (?host=<directory>, PostgreSQL's socket naming): proxy to that.
  const socketDir = target.searchParams.get("host");
  const targetPort = Number(target.port || 5432);
  const connectUpstream = () => (socketDir ? net.connect(`${socketDir}/.s.PGSQL.${targetPort}`) : net.connect(targetPort, target.hostname === "localhost" ? "127.0.0.1" : target.hostname));
  const sockets = new Set<net.Socket>();
  const clients = new WeakSet<net.Socket>();
  const answers = new Set<{ upstream: net.Socket; client: net.Socket }>();
  let holding = false;
  let sent = 0;
  const server = net.createServer((client) => {
    const upstream = connectUpstream();
    clients.add(client);
    client.on("data", (chunk: Buffer) => (sent += chunk.length));
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    if (!holding) upstream.pipe(client);
    const pair = { upstream, client };
    answers.add(pair);
    client.on("close", () => answers.delete(pair));
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", () => resolve()));
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(targetUrl);
  url.searchParams.delete("host");
  url.hostname = "127.0.0.1";
  url.port = String(port);
  let listening = true;
  const cut = async (options: { reset?: boolean } = {}) => {
    if (!listening) return;
    listening = false;
    holding = false;
    const closed = stopListening();
    // A reset is sent to the clients (the gateway); the target's side may be a Unix socket, which has no reset.
    for (const socket of sockets) {
      if (options.reset && clients.has(socket)) socket.resetAndDestroy();
      else socket.destroy();
    }
    await closed;
  };
  return {
    url: url.toString(),
    cut,
    holdAnswers() {
      holding = true;
      for (const { upstream, client } of answers) upstream.unpipe(client);
    },
    bytesSent: () => sent,
    async restore() {
      if (listening) return;
      await listen(port);
      listening = true;
    },
    close: cut,
  };
}
