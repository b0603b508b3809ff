package dev.bulwark.policy.model;

/** A key and value, both regular expressions, as in StackRox's scope labels. */
public record LabelSelector(String key, String value) {}
