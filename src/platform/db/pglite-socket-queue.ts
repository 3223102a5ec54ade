import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * A fix for @electric-sql/pglite-socket 0.2's query queue. PGlite is one backend shared by every socket, and
 * the queue hands it one protocol message at a time, first come first served. node-postgres sends a query as
 * Parse/Bind/Describe/Execute/Sync, so under concurrency another connection's Parse lands between this one's
 * Parse and Bind: the unnamed statement is swapped, and once a BEGIN goes astray the queue waits forever for
 * a transaction owner that is not in one (measured: 20 transactions beside 20 plain queries hang every time).
 * Here a connection keeps the backend from its Parse to its Sync (and, as before, for a whole transaction),
 * and an error in one message no longer stalls the queue for good.
 */
interface QueueItem {
  handlerId: number;
  message: Uint8Array;
  onData(data: Uint8Array): void;
  resolve(bytes: number): void;
  reject(error: unknown): void;
}

interface QueueInternals {
  queue: QueueItem[];
  processing: boolean;
  lastHandlerId: number | null;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

// Extended-protocol messages after which the same connection's Sync must come before anyone else's message.
const MID_REQUEST = new Set(["P", "B", "D", "E", "C", "H"].map((c) => c.charCodeAt(0)));

export function serializeExtendedQueries(server: PGLiteSocketServer, db: PGlite): void {
  const queue = (server as unknown as { queryQueue: QueueInternals }).queryQueue;
  let midRequest = false;
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    if (queue.lastHandlerId === handlerId) midRequest = false;
    clear(handlerId);
  };
  queue.processQueue = async () => {
    if (queue.processing || queue.queue.length === 0) return;
    queue.processing = true;
    try {
      while (queue.queue.length > 0) {
        const owner = (midRequest || db.isInTransaction()) && queue.lastHandlerId !== null ? queue.lastHandlerId : null;
        const index = owner === null ? 0 : queue.queue.findIndex((item) => item.handlerId === owner);
        if (index === -1) break; // the owner's next message is not here yet: wait for it
        const [item] = queue.queue.splice(index, 1) as [QueueItem];
        let bytes = 0;
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          midRequest = false;
          item.reject(error);
          continue;
        }
        midRequest = MID_REQUEST.has(item.message[0] ?? 0);
        queue.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      queue.processing = false;
    }
  };
}
