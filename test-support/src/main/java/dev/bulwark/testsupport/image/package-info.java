/** Small OCI images written in-process for tests that scan or check images. */
@org.jspecify.annotations.NullMarked
package dev.bulwark.testsupport.image;
