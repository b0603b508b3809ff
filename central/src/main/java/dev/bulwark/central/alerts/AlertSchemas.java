package dev.bulwark.central.alerts;

import dev.bulwark.central.api.RouteGroup;

/** The JSON Schemas of the alerts API, for the API description. */
final class AlertSchemas {
  private AlertSchemas() {}

  static void register(RouteGroup group) {
    group
        .schema(
            "Alert",
            """
            {
              "type": "object",
              "required": ["id", "state", "stage", "clusterId", "clusterName", "policy", "deployment", "messages", "enforcement", "enforcementRecords", "firstSeen", "lastSeen", "resolution", "admission"],
              "properties": {
                "id": {"type": "string", "format": "uuid"},
                "state": {"type": "string", "enum": ["ACTIVE", "RESOLVED", "ATTEMPTED"]},
                "stage": {"type": "string", "enum": ["BUILD", "DEPLOY", "RUNTIME"]},
                "clusterId": {"type": "string", "format": "uuid"},
                "clusterName": {"type": "string"},
                "policy": {
                  "type": "object",
                  "required": ["id", "name", "severity"],
                  "description": "The policy's name and severity when the alert was last seen.",
                  "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "severity": {"type": "string", "enum": ["LOW", "MEDIUM", "HIGH", "CRITICAL"]}
                  }
                },
                "deployment": {
                  "type": "object",
                  "required": ["uid", "namespace", "kind", "name", "labels", "annotations", "namespaceAnnotations"],
                  "description": "The deployment (for ATTEMPTED: the denied object) as last seen; uid is empty when the object had none.",
                  "properties": {
                    "uid": {"type": "string"},
                    "namespace": {"type": "string"},
                    "kind": {"type": "string"},
                    "name": {"type": "string"},
                    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                    "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
                    "namespaceAnnotations": {"type": "object", "additionalProperties": {"type": "string"}}
                  }
                },
                "messages": {"type": "array", "items": {"type": "string"}},
                "enforcement": {"type": "array", "items": {"type": "string"}, "description": "The enforcement actions the policy asks for."},
                "enforcementRecords": {
                  "type": "array",
                  "description": "What the sensor did to enforce the policy on the deployment, or why it could not, oldest first (at most the latest 50).",
                  "items": {
                    "type": "object",
                    "required": ["id", "action", "applied", "message", "at"],
                    "properties": {
                      "id": {"type": "string", "format": "uuid"},
                      "action": {"type": "string", "enum": ["SCALE_TO_ZERO_ENFORCEMENT", "UNSATISFIABLE_NODE_CONSTRAINT_ENFORCEMENT", "KILL_POD_ENFORCEMENT", "UNSET_ENFORCEMENT", "FAIL_BUILD_ENFORCEMENT", "FAIL_KUBE_REQUEST_ENFORCEMENT", "FAIL_DEPLOYMENT_CREATE_ENFORCEMENT", "FAIL_DEPLOYMENT_UPDATE_ENFORCEMENT"]},
                      "applied": {"type": "boolean"},
                      "message": {"type": "string"},
                      "at": {"type": "string", "format": "date-time"}
                    }
                  }
                },
                "firstSeen": {"type": "string", "format": "date-time"},
                "lastSeen": {"type": "string", "format": "date-time"},
                "resolution": {
                  "type": ["object", "null"],
                  "required": ["reason", "at", "resolvedBy", "comment"],
                  "properties": {
                    "reason": {"type": "string", "enum": ["FIXED", "DELETED", "MANUAL"]},
                    "at": {"type": "string", "format": "date-time"},
                    "resolvedBy": {"type": ["string", "null"]},
                    "comment": {"type": ["string", "null"]}
                  }
                },
                "admission": {
                  "type": ["object", "null"],
                  "required": ["requestUid", "operation", "apiVersion"],
                  "description": "ATTEMPTED only: the denied admission request.",
                  "properties": {
                    "requestUid": {"type": "string"},
                    "operation": {"type": "string"},
                    "apiVersion": {"type": "string"}
                  }
                }
              }
            }
            """)
        .schema(
            "AlertSummary",
            """
            {
              "type": "object",
              "description": "Alert counts: state -> severity -> count, every state and severity present.",
              "additionalProperties": {"type": "object", "additionalProperties": {"type": "integer"}}
            }
            """)
        .schema(
            "ResolveAlert",
            """
            {
              "type": "object",
              "required": ["comment"],
              "additionalProperties": false,
              "properties": {
                "comment": {"type": "string", "minLength": 1, "maxLength": 2000}
              }
            }
            """)
        .schema(
            "AttemptReport",
            """
            {
              "type": "object",
              "required": ["requestUid", "operation", "time", "object", "violations"],
              "additionalProperties": false,
              "properties": {
                "requestUid": {"type": "string", "minLength": 1, "maxLength": 200, "description": "The AdmissionReview request's uid; a report is recorded once per request and policy."},
                "operation": {"type": "string", "enum": ["CREATE", "UPDATE", "DELETE", "CONNECT"]},
                "time": {"type": "string", "format": "date-time"},
                "object": {
                  "type": "object",
                  "required": ["apiVersion", "kind", "name"],
                  "additionalProperties": false,
                  "properties": {
                    "apiVersion": {"type": "string"},
                    "kind": {"type": "string"},
                    "namespace": {"type": "string"},
                    "name": {"type": "string"},
                    "uid": {"type": "string"},
                    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                    "annotations": {"type": "object", "additionalProperties": {"type": "string"}}
                  }
                },
                "violations": {
                  "type": "array",
                  "minItems": 1,
                  "maxItems": 200,
                  "items": {
                    "type": "object",
                    "required": ["policyId"],
                    "additionalProperties": false,
                    "description": "policyName and severity are taken from central when it knows the policy, else required here.",
                    "properties": {
                      "policyId": {"type": "string"},
                      "policyName": {"type": "string"},
                      "severity": {"type": "string", "enum": ["LOW", "MEDIUM", "HIGH", "CRITICAL"]},
                      "messages": {"type": "array", "maxItems": 100, "items": {"type": "string"}}
                    }
                  }
                }
              }
            }
            """)
        .schema(
            "EnforcementReport",
            """
            {
              "type": "object",
              "required": ["records"],
              "additionalProperties": false,
              "properties": {
                "records": {
                  "type": "array",
                  "minItems": 1,
                  "maxItems": 1000,
                  "items": {
                    "type": "object",
                    "required": ["id", "deployment", "policyId", "action", "applied", "message", "at"],
                    "additionalProperties": false,
                    "properties": {
                      "id": {"type": "string", "format": "uuid", "description": "Made by the sensor; a record is stored once per id."},
                      "deployment": {
                        "type": "object",
                        "required": ["uid", "namespace", "kind", "name", "apiVersion"],
                        "additionalProperties": false,
                        "properties": {
                          "uid": {"type": "string", "minLength": 1, "maxLength": 200},
                          "namespace": {"type": "string", "minLength": 1, "maxLength": 253},
                          "kind": {"type": "string", "minLength": 1, "maxLength": 253},
                          "name": {"type": "string", "minLength": 1, "maxLength": 253},
                          "apiVersion": {"type": "string", "minLength": 1, "maxLength": 253}
                        }
                      },
                      "policyId": {"type": "string", "minLength": 1, "maxLength": 200},
                      "action": {"type": "string", "enum": ["SCALE_TO_ZERO_ENFORCEMENT", "UNSATISFIABLE_NODE_CONSTRAINT_ENFORCEMENT", "KILL_POD_ENFORCEMENT", "UNSET_ENFORCEMENT", "FAIL_BUILD_ENFORCEMENT", "FAIL_KUBE_REQUEST_ENFORCEMENT", "FAIL_DEPLOYMENT_CREATE_ENFORCEMENT", "FAIL_DEPLOYMENT_UPDATE_ENFORCEMENT"]},
                      "applied": {"type": "boolean"},
                      "message": {"type": "string", "minLength": 1, "maxLength": 4096},
                      "at": {"type": "string", "format": "date-time"}
                    }
                  }
                }
              }
            }
            """)
        .schema(
            "EnforcementRecorded",
            """
            {
              "type": "object",
              "required": ["recorded"],
              "properties": {
                "recorded": {"type": "integer", "description": "Records stored now; those sent before are not counted."}
              }
            }
            """)
        .schema(
            "AttemptRecorded",
            """
            {
              "type": "object",
              "required": ["recorded", "alertIds"],
              "properties": {
                "recorded": {"type": "integer", "description": "ATTEMPTED alerts recorded now; 0 when the request was reported before."},
                "alertIds": {"type": "array", "items": {"type": "string", "format": "uuid"}}
              }
            }
            """);
  }
}
