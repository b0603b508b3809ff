/** npm package analyzer (node_modules package.json). */
@NullMarked
package dev.bulwark.scanner.analyzer.npm;

import org.jspecify.annotations.NullMarked;
