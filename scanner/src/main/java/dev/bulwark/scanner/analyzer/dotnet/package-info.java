/** .NET analyzer (deps.json dependency manifests). */
@NullMarked
package dev.bulwark.scanner.analyzer.dotnet;

import org.jspecify.annotations.NullMarked;
