import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;

/**
 * Build step: rewrites the classes of a dependency jar compiled for Java 5 (class-file version 49)
 * to version 52 with freshly computed stack maps, so that the JDK's AOT cache can hold them (it
 * skips "old" classes). picocli ships Java 5 bytecode; without this its ~170 classes are loaded,
 * verified and linked from the jar on every start of the CLI. Only the class-file version and the
 * stack maps change; every class is then loaded and initialized once to prove it verifies.
 *
 * <p>Usage: {@code java UpgradeClassFiles.java JAR...} (JDK 24 or newer: java.lang.classfile).
 */
public final class UpgradeClassFiles {
  private static final int TARGET_MAJOR = 52;

  public static void main(String[] args) throws Exception {
    for (String jar : args) {
      upgrade(Path.of(jar));
    }
  }

  private static void upgrade(Path jar) throws Exception {
    Path upgraded = jar.resolveSibling(jar.getFileName() + ".upgraded");
    List<String> classNames = new ArrayList<>();
    int rewritten = 0;
    try (URLClassLoader original = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        JarInputStream in = new JarInputStream(Files.newInputStream(jar));
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(upgraded), in.getManifest())) {
      ClassFile classFile =
          ClassFile.of(
              ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
              ClassFile.ClassHierarchyResolverOption.of(
                  ClassHierarchyResolver.defaultResolver()
                      .orElse(ClassHierarchyResolver.ofResourceParsing(original))));
      JarEntry entry;
      while ((entry = in.getNextJarEntry()) != null) {
        byte[] bytes = in.readAllBytes();
        String name = entry.getName();
        if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
          ClassModel model = classFile.parse(bytes);
          if (model.majorVersion() < TARGET_MAJOR) {
            bytes =
                classFile.transformClass(
                    model,
                    ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                        .andThen(ClassTransform.endHandler(b -> b.withVersion(TARGET_MAJOR, 0))));
            rewritten++;
          }
          classNames.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
        }
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
      }
    }
    verify(upgraded, classNames);
    Files.move(upgraded, jar, StandardCopyOption.REPLACE_EXISTING);
    System.out.println(
        "upgraded " + rewritten + " of " + classNames.size() + " classes in " + jar.getFileName());
  }

  // Loading and initializing every class links it, which runs the verifier over the new stack
  // maps: a bad one fails the build here instead of the CLI at run time.
  private static void verify(Path jar, List<String> classNames) throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      for (String className : classNames) {
        Class.forName(className, true, loader);
      }
    }
  }
}
