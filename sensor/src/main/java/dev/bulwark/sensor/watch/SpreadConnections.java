package dev.bulwark.sensor.watch;

import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * fabric8's Vert.x HTTP client with its connections spread over the event loops. By default every
 * connection of the pool lives on one event loop, and fabric8 parses each response on the loop that
 * read it: listing a large cluster (every informer's pages, some 80 MB of JSON at 10,000 pods) ran
 * on one thread while the other cores idled.
 */
public final class SpreadConnections extends Vertx5HttpClientFactory {
  @Override
  protected void additionalConfig(
      WebClientOptions options, WebSocketClientOptions webSockets, PoolOptions pool) {
    pool.setEventLoopSize(Math.max(2, Runtime.getRuntime().availableProcessors()));
    options.setDecompressionSupported(true);
  }
}
