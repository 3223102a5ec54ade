import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Response } from "express";

/**
 * Stream text chunks into a response whose status and headers are set, minding backpressure (a slow reader holds
 * the producer, which reads its rows in batches). A reader that goes away ends the producer (its generator is
 * returned) and is no error of ours; any other failure is thrown after the response was destroyed.
 */
export async function streamText(res: Response, chunks: AsyncIterable<string>): Promise<void> {
  try {
    await pipeline(Readable.from(chunks), res);
  } catch (error) {
    if ((error as { code?: string } | null)?.code !== "ERR_STREAM_PREMATURE_CLOSE") throw error;
  }
}
