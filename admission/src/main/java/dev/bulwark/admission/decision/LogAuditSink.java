package dev.bulwark.admission.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.admission.review.AdmissionRequest;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records decisions that found something as one JSON line each on the logger {@code
 * bulwark.admission.audit}, and break-glass admissions also as an alert on {@code
 * bulwark.admission.alert}. Object contents are never logged, only names and policy ids.
 */
public final class LogAuditSink implements AuditSink {
  private static final Logger AUDIT = LoggerFactory.getLogger("bulwark.admission.audit");
  private static final Logger ALERT = LoggerFactory.getLogger("bulwark.admission.alert");
  private final ObjectMapper mapper = new ObjectMapper();
  private final Clock clock;

  public LogAuditSink(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void record(AdmissionRequest request, Decision decision) {
    if (decision.blocking().isEmpty()
        && decision.warned().isEmpty()
        && decision.unevaluated().isEmpty()) {
      return;
    }
    String line = line(request, decision);
    AUDIT.info(line);
    if (decision.breakGlass()) {
      ALERT.warn("break-glass admission: {}", line);
    }
  }

  String line(AdmissionRequest request, Decision decision) {
    ObjectNode record = mapper.createObjectNode();
    record.put("time", clock.instant().toString());
    record.put("uid", request.uid());
    record.put("operation", request.operation().name());
    record.put("kind", request.kind());
    record.put("namespace", request.namespace());
    record.put("name", request.name());
    record.put("user", request.username());
    record.put("allowed", decision.allowed());
    record.put("breakGlass", decision.breakGlass());
    ids(record.putArray("blocking"), decision.blocking());
    ids(record.putArray("warned"), decision.warned());
    decision
        .unevaluated()
        .forEach(policy -> record.withArray("unevaluated").add(policy.policy().id()));
    try {
      return mapper.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void ids(ArrayNode into, List<PolicyFindings> findings) {
    findings.forEach(policy -> into.add(policy.policy().id()));
  }
}
