import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { extensionEventSchema, recordExtensionEvents } from '../extensions.js';
import { namespaceOf } from '../settings.js';
import { canRead, type RouteContext } from './context.js';
import { json } from './respond.js';

const MAX_BYTES = 5_000_000;
const bodySchema = z.array(extensionEventSchema).min(1).max(10_000);

/** POST a JSON array of extension events (install, uninstall, update, open): F11 fed through the API. */
export async function extensionEvents(ctx: RouteContext, request: Request): Promise<Response> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BYTES) throw new AppError('E_USAGE', 'body over 5 MB');
  let parsed: z.infer<typeof bodySchema>;
  try {
    parsed = bodySchema.parse(JSON.parse(text));
  } catch (error) {
    const issue =
      error instanceof z.ZodError
        ? `${error.issues[0]?.path.join('.')}: ${error.issues[0]?.message}`
        : 'not JSON';
    throw new AppError('E_EVENT_INVALID', `bad extension events: ${issue}`);
  }
  const foreign = parsed.find((event) => !canRead(ctx.access, namespaceOf(event.extension)));
  if (foreign) throw new AppError('E_INPUT_NOT_FOUND', `no extension ${foreign.extension}`);
  return json(
    { received: parsed.length, stored: await recordExtensionEvents(ctx.options.store, parsed) },
    202,
  );
}
