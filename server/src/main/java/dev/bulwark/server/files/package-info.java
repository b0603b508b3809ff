/** Owner-only files for the secrets a server keeps on disk. */
@NullMarked
package dev.bulwark.server.files;

import org.jspecify.annotations.NullMarked;
