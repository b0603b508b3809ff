package dev.bulwark.cli.pss;

import dev.bulwark.detect.report.ObjectRef;
import dev.bulwark.policy.pss.PodSecurityResult;

/** The verdict on the pod (or pod template) of one object. */
record PodVerdict(ObjectRef object, PodSecurityResult result) {}
