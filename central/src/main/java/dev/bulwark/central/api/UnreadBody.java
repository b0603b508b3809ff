package dev.bulwark.central.api;

import io.javalin.http.Context;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/**
 * What remains of a request body when central answers before reading it (no token, a refused
 * permission, the wrong content type). Jetty reads only what has already arrived and closes the
 * connection if more is coming; a client still sending its body then sees the connection reset
 * instead of the answer. Reading the rest first, when the body is of a size central accepts at all,
 * lets the client read the refusal. Larger bodies are still cut off.
 */
final class UnreadBody {
  private UnreadBody() {}

  /**
   * Reads and discards the body up to {@code limit} bytes, unless it was read already or declares a
   * length over the limit; an error while reading leaves it to Jetty to close the connection.
   */
  static void discard(Context ctx, long limit) {
    long declared = ctx.req().getContentLengthLong();
    if (declared == 0 || declared > limit) {
      return;
    }
    try {
      ServletInputStream body = ctx.req().getInputStream();
      byte[] buffer = new byte[16 * 1024];
      long read = 0;
      while (read <= limit && !body.isFinished()) {
        int count = body.read(buffer);
        if (count < 0) {
          return;
        }
        read += count;
      }
    } catch (IOException | IllegalStateException e) {
      // the client went away, or the handler took the body as text: nothing left to discard
    }
  }
}
