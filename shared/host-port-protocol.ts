/**
 * The sync worker's direct line to its host: the messages on Electron's MessagePort (electron/host-port.ts ↔
 * renderer/host/port-host-transport.ts), whose answers the browser host's streamed fetchFeeds sends as well (one
 * binary frame each, shared/host-feed-frames.ts). A call is `{id, name, args}`, validated by the host like any IPC call; its answer is
 * `{id, result}`. A fetchFeeds call first gets one `{id, index, result}` per feed as each is ready, then its `{id, result}`.
 */
import * as v from 'valibot';
import type { FeedResponse, HostResult } from './host';

export interface HostPortCall {
  id: number;
  name: string;
  args: unknown[];
}

/** One feed of a fetchFeeds batch. */
export interface HostFeedLine {
  index: number;
  result: HostResult<FeedResponse>;
}

/** The end of a call: its result (for fetchFeeds, ok(null) once every feed was answered, or why it was refused). */
export interface HostEndLine {
  result: HostResult<unknown>;
}

export type HostPortAnswer = { id: number } & (HostFeedLine | HostEndLine);

const MAX_ARGS = 8;

export const HostPortCallSchema = v.strictObject({
  id: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
  name: v.pipe(v.string(), v.maxLength(64)),
  args: v.pipe(v.array(v.unknown()), v.maxLength(MAX_ARGS)),
});

/** The call a port message carries, or null for anything else (ignored: there is no id to answer). */
export function parseHostPortCall(message: unknown): HostPortCall | null {
  const parsed = v.safeParse(HostPortCallSchema, message);
  return parsed.success ? parsed.output : null;
}

export function isFeedLine(line: HostFeedLine | HostEndLine): line is HostFeedLine {
  return typeof (line as { index?: unknown }).index === 'number';
}
