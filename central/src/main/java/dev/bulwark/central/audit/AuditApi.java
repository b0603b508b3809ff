package dev.bulwark.central.audit;

import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.PageRequest;
import dev.bulwark.central.api.RouteGroup;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.auth.Permission;
import io.javalin.http.Context;

/** {@code GET /v1/audit}: the audit log, newest first, for admins. */
public final class AuditApi implements ApiFeature {
  private final AuditLog log;

  public AuditApi(AuditLog log) {
    this.log = log;
  }

  @Override
  public void register(Routes routes) {
    RouteGroup audit =
        routes.group(
            "Audit",
            "Every call that changes something (every permission that writes), recorded before it"
                + " runs and completed with its status.");
    audit.schema(
        "AuditEntry",
        """
        {
          "type": "object",
          "required": ["id", "at", "actor", "method", "path", "targetId", "status"],
          "properties": {
            "id": {"type": "integer", "description": "Increasing with time."},
            "at": {"type": "string", "format": "date-time"},
            "actor": {
              "type": "object",
              "description": "The token that made the call, as it was then.",
              "required": ["tokenId", "name", "role"],
              "properties": {
                "tokenId": {"type": "string", "format": "uuid"},
                "name": {"type": "string"},
                "role": {"type": "string", "enum": ["admin", "analyst", "ci", "sensor"]}
              }
            },
            "method": {"type": "string"},
            "path": {"type": "string"},
            "targetId": {
              "type": ["string", "null"],
              "description": "The object the call created or changed."
            },
            "status": {
              "type": ["integer", "null"],
              "description": "The response status; null while the call runs, or if the server stopped during it."
            }
          }
        }
        """);
    audit
        .get("/v1/audit", Permission.AUDIT_READ, this::list)
        .operation("listAuditEntries", "List audit entries, newest first")
        .returnsPage("AuditEntry", "A page of audit entries.");
  }

  private void list(Context ctx) {
    PageRequest page = PageRequest.of(ctx);
    Long before = null;
    if (page.after() != null) {
      try {
        before = Long.parseLong(page.after());
      } catch (NumberFormatException e) {
        throw PageRequest.invalidCursor();
      }
    }
    ctx.json(page.page(log.list(page.fetch(), before), entry -> Long.toString(entry.id())));
  }
}
