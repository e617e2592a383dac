/*
 * Stand-in for GraalVM's `native-image` driver (svm-driver is not published on Maven Central after
 * 20.3.0). It understands the driver options Quarkus passes, reads every classpath jar's
 * META-INF/native-image (native-image.properties Args and the JSON configs), and runs the builder
 * (com.oracle.svm.hosted.NativeImageGeneratorRunner from the Maven Central svm jars) on this JDK.
 *
 * Not a general driver: an option it does not know stops the build with its name, so nothing is
 * silently dropped. Compiled by scripts/native-toolchain.sh into <home>/lib/svm/driver.
 */
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public final class NativeImageDriver {
  static final String VERSION = System.getProperty("ni.version", "25.0.2");
  static final String BUILDER_MODULE = "org.graalvm.nativeimage.builder";

  /** Driver-only (API) options and the builder option each becomes; see the svm jar's @APIOption fields. */
  static final Map<String, String> API = Map.ofEntries(
      Map.entry("features", "Features"),
      Map.entry("link-at-build-time", "LinkAtBuildTime"),
      Map.entry("link-at-build-time-paths", "LinkAtBuildTimePaths"),
      Map.entry("enable-url-protocols", "EnableURLProtocols"),
      Map.entry("enable-monitoring", "EnableMonitoringFeatures"),
      Map.entry("enable-native-access", "EnableNativeAccess"),
      Map.entry("add-exports", "AddExports"),
      Map.entry("add-opens", "AddOpens"),
      Map.entry("add-reads", "AddReads"),
      Map.entry("report-unsupported-elements-at-runtime", "ReportUnsupportedElementsAtRuntime"),
      Map.entry("allow-incomplete-classpath", "AllowIncompleteClasspath"),
      Map.entry("enable-all-security-services", "EnableAllSecurityServices"),
      Map.entry("trace-class-initialization", "TraceClassInitialization"),
      Map.entry("trace-object-instantiation", "TraceObjectInstantiation"),
      Map.entry("native-compiler-options", "CCompilerOption"),
      Map.entry("parallelism", "NumberOfThreads"));
  /** API options without a value: their fixed builder setting. */
  static final Map<String, String> FLAGS = Map.ofEntries(
      Map.entry("no-fallback", "-H:FallbackThreshold=0"),
      Map.entry("link-at-build-time", "-H:LinkAtBuildTime="),
      Map.entry("enable-http", "-H:EnableURLProtocols=http"),
      Map.entry("enable-https", "-H:EnableURLProtocols=https"),
      Map.entry("enable-monitoring", "-H:EnableMonitoringFeatures=default"),
      Map.entry("report-unsupported-elements-at-runtime", "-H:+ReportUnsupportedElementsAtRuntime"),
      Map.entry("allow-incomplete-classpath", "-H:+AllowIncompleteClasspath"),
      Map.entry("enable-all-security-services", "-H:+EnableAllSecurityServices"),
      Map.entry("initialize-at-build-time", "-H:ClassInitialization=:build_time"),
      Map.entry("verbose", ""),
      Map.entry("strict-image-heap", ""),
      Map.entry("install-exit-handlers", "-H:+InstallExitHandlers"));

  final Path home;
  final List<String> jvmArgs = new ArrayList<>();
  final List<String> builderArgs = new ArrayList<>();
  final Set<Path> imageClasspath = new LinkedHashSet<>();
  final List<String[]> excludedConfigs = new ArrayList<>();
  String mainClass;
  String imageName;
  boolean shared;

  NativeImageDriver(Path home) {
    this.home = home;
  }

  public static void main(String[] args) throws Exception {
    Path home = Path.of(System.getProperty("ni.home"));
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-version"))) {
      // The shape Quarkus's GraalVM.Version parser reads (the GraalVM CE 25 driver's own output).
      System.out.println("native-image " + VERSION + " 2026-01-20");
      System.out.println("GraalVM Runtime Environment GraalVM CE " + VERSION + "+10.1 (build " + VERSION + "+10-jvmci-b01)");
      System.out.println("Substrate VM GraalVM CE " + VERSION + "+10.1 (build " + VERSION + "+10, serial gc)");
      return;
    }
    NativeImageDriver driver = new NativeImageDriver(home);
    driver.parse(List.of(args), true);
    System.exit(driver.build());
  }

  void parse(List<String> args, boolean commandLine) throws IOException {
    List<String> positional = new ArrayList<>();
    String jar = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.isEmpty()) {
        continue;
      } else if (arg.startsWith("-J")) {
        jvmArgs.add(arg.substring(2));
      } else if (arg.startsWith("-H:") || arg.startsWith("-R:")) {
        builderArgs.add(arg);
      } else if (arg.startsWith("-D")) {
        jvmArgs.add(arg); // a system property of the builder, as the real driver does
      } else if (arg.equals("-jar")) {
        jar = args.get(++i);
      } else if (arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path")) {
        for (String entry : args.get(++i).split(":")) {
          imageClasspath.add(Path.of(entry).toAbsolutePath());
        }
      } else if (arg.equals("-o")) {
        imageName = args.get(++i);
      } else if (arg.equals("--shared")) {
        shared = true;
        builderArgs.add("-H:+SharedLibrary");
      } else if (arg.equals("--exclude-config")) {
        excludedConfigs.add(new String[] {args.get(++i), args.get(++i)});
      } else if (arg.startsWith("--initialize-at-run-time=") || arg.startsWith("--initialize-at-build-time=")) {
        String kind = arg.startsWith("--initialize-at-run-time=") ? "run_time" : "build_time";
        for (String name : arg.substring(arg.indexOf('=') + 1).split(",")) {
          builderArgs.add("-H:ClassInitialization=" + name + ":" + kind);
        }
      } else if (arg.startsWith("--") && arg.contains("=") && API.containsKey(arg.substring(2, arg.indexOf('=')))) {
        String name = arg.substring(2, arg.indexOf('='));
        builderArgs.add("-H:" + API.get(name) + "=" + arg.substring(arg.indexOf('=') + 1));
      } else if (arg.startsWith("--") && FLAGS.containsKey(arg.substring(2))) {
        String flag = FLAGS.get(arg.substring(2));
        if (!flag.isEmpty()) {
          builderArgs.add(flag);
        }
      } else if (arg.startsWith("-")) {
        throw new IllegalArgumentException("native-image stand-in: unknown option " + arg
            + " (add it to scripts/native-toolchain/NativeImageDriver.java)");
      } else {
        positional.add(arg);
      }
    }
    if (!commandLine) {
      return;
    }
    if (jar != null) {
      addJar(Path.of(jar).toAbsolutePath());
      if (!positional.isEmpty()) {
        imageName = positional.get(0);
      }
    } else {
      if (!positional.isEmpty()) {
        mainClass = positional.get(0);
      }
      if (positional.size() > 1) {
        imageName = positional.get(1);
      }
    }
    if (imageName == null && mainClass != null) {
      imageName = mainClass.substring(mainClass.lastIndexOf('.') + 1).toLowerCase();
    }
  }

  /** `-jar`: the jar, its manifest's Class-Path (relative to the jar) and Main-Class. */
  void addJar(Path jar) throws IOException {
    imageClasspath.add(jar);
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      if (manifest == null) {
        return;
      }
      String classPath = manifest.getMainAttributes().getValue("Class-Path");
      if (classPath != null) {
        for (String entry : classPath.trim().split("\\s+")) {
          imageClasspath.add(jar.getParent().resolve(entry).normalize());
        }
      }
      if (mainClass == null) {
        mainClass = manifest.getMainAttributes().getValue("Main-Class");
      }
      if (imageName == null) {
        String name = jar.getFileName().toString();
        imageName = name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
      }
    }
  }

  /** Every classpath entry's META-INF/native-image: properties Args and the JSON config resources. */
  void readMetaInf() throws IOException {
    for (Path entry : List.copyOf(imageClasspath)) {
      if (Files.isDirectory(entry)) {
        Path root = entry.resolve("META-INF/native-image");
        if (Files.isDirectory(root)) {
          try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
              String resource = entry.relativize(file).toString();
              try (InputStream in = Files.newInputStream(file)) {
                metaInf(entry, resource, in);
              }
            }
          }
        }
      } else if (Files.isRegularFile(entry)) {
        try (JarFile jar = new JarFile(entry.toFile())) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            JarEntry e = entries.nextElement();
            if (!e.isDirectory() && e.getName().startsWith("META-INF/native-image/")) {
              try (InputStream in = jar.getInputStream(e)) {
                metaInf(entry, e.getName(), in);
              }
            }
          }
        }
      }
    }
  }

  void metaInf(Path entry, String resource, InputStream in) throws IOException {
    for (String[] excluded : excludedConfigs) {
      if (Pattern.compile(excluded[0]).matcher(entry.toString()).find()
          && Pattern.compile(excluded[1]).matcher("/" + resource).find()) {
        return;
      }
    }
    String file = resource.substring(resource.lastIndexOf('/') + 1);
    String option = switch (file) {
      case "reflect-config.json" -> "ReflectionConfigurationResources";
      case "resource-config.json" -> "ResourceConfigurationResources";
      case "proxy-config.json" -> "DynamicProxyConfigurationResources";
      case "serialization-config.json" -> "SerializationConfigurationResources";
      case "jni-config.json" -> "JNIConfigurationResources";
      case "predefined-classes-config.json" -> "PredefinedClassesConfigurationResources";
      case "reachability-metadata.json" -> "ReachabilityMetadataResources";
      default -> null;
    };
    if (option != null) {
      builderArgs.add("-H:" + option + "=" + resource);
    } else if (file.equals("native-image.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      String dir = resource.substring(0, resource.lastIndexOf('/'));
      String args = properties.getProperty("Args");
      if (args != null) {
        // ${.} is the properties file's own directory (used for relative config paths).
        args = args.replace("${.}", dir);
        parse(List.of(args.trim().split("\\s+")), false);
      }
      String javaArgs = properties.getProperty("JavaArgs");
      if (javaArgs != null) {
        jvmArgs.addAll(List.of(javaArgs.trim().split("\\s+")));
      }
    }
  }

  int build() throws Exception {
    readMetaInf();
    Path builderDir = home.resolve("lib/svm/builder");
    List<String> modulePath;
    try (Stream<Path> jars = Files.list(builderDir)) {
      modulePath = jars.map(Path::toString).filter(p -> p.endsWith(".jar")).sorted().toList();
    }
    List<String> builderModules = new ArrayList<>();
    for (String jar : modulePath) {
      ModuleFinder.of(Path.of(jar)).findAll().forEach(m -> builderModules.add(m.descriptor().name()));
    }
    builderModules.add("jdk.graal.compiler");
    String targets = String.join(",", builderModules);

    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/java").toString());
    // JVMCI for the Graal compiler the builder runs on this JDK (not as the JIT of this JVM).
    command.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "-XX:-UseJVMCICompiler",
        "-XX:+UseParallelGC", "-Xss10m", "-XX:MaxRAMPercentage=80", "-XX:GCTimeRatio=9",
        "-XX:+ExitOnOutOfMemoryError", "-Xshare:off",
        "--enable-native-access=org.graalvm.nativeimage.builder,ALL-UNNAMED",
        "-Dtruffle.TrustAllTruffleRuntimeProviders=true",
        "-Dtruffle.TruffleRuntime=com.oracle.truffle.api.impl.DefaultTruffleRuntime",
        "-Dgraalvm.ForcePolyglotInvalid=true", "-Dgraalvm.locatorDisabled=true",
        "-Dsubstratevm.HostLibC=glibc", "-Dsubstratevm.IgnoreGraalVersionCheck=true",
        "-Djdk.internal.lambda.disableEagerInitialization=true",
        "-Dorg.graalvm.version=" + VERSION, "-Dorg.graalvm.vendor=slotgate stand-in (GraalVM CE jars)",
        "-Dorg.graalvm.vendorurl=https://www.graalvm.org/",
        "-Dorg.graalvm.vendorversion=GraalVM CE " + VERSION + "+10.1 (slotgate stand-in)",
        "-Dcom.oracle.graalvm.isaot=true", "-Dorg.graalvm.nativeimage.imagecode=buildtime",
        "-Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader"));
    // The builder reaches into the JDK's internals: export and open every JDK package to its modules.
    Path accessFile = Files.createTempFile("native-image-access", ".args");
    accessFile.toFile().deleteOnExit();
    List<String> access = new ArrayList<>();
    for (ModuleReference module : ModuleFinder.ofSystem().findAll()) {
      ModuleDescriptor descriptor = module.descriptor();
      // Only modules the builder's JVM resolves (the default set and what the builder requires).
      if (ModuleLayer.boot().findModule(descriptor.name()).isEmpty() && !descriptor.name().equals("jdk.internal.vm.ci")) {
        continue;
      }
      for (String pkg : descriptor.packages()) {
        access.add("--add-opens=" + descriptor.name() + "/" + pkg + "=" + targets + ",ALL-UNNAMED");
      }
    }
    Files.write(accessFile, access);
    command.add("@" + accessFile);
    command.addAll(jvmArgs);
    command.add("--upgrade-module-path=" + builderDir.resolve("../compiler").toRealPath().resolve("compiler.jar"));
    command.add("--module-path=" + String.join(":", modulePath));
    command.add("-Djdk.module.main=" + BUILDER_MODULE);
    command.add("--add-modules=ALL-DEFAULT");
    command.add("--module=" + BUILDER_MODULE + "/com.oracle.svm.hosted.NativeImageGeneratorRunner");
    command.add("-imagecp");
    command.add(imageClasspath.stream().map(Path::toString).collect(Collectors.joining(":")));
    command.add("-H:CLibraryPath=" + home.resolve("lib/svm/clibraries/linux-amd64"));
    command.add("-H:+UnlockExperimentalVMOptions");
    command.add("-H:ImageBuildID=" + UUID.randomUUID());
    command.add("-H:-UnlockExperimentalVMOptions");
    command.add("-H:Path=" + Path.of("").toAbsolutePath());
    if (mainClass != null && !shared) {
      command.add("-H:Class=" + mainClass);
    }
    if (imageName != null) {
      command.add("-H:Name=" + imageName);
    }
    command.addAll(builderArgs);
    // The executable loads the JDK's shared libraries (see lib/static): find them and the libjvm stand-in.
    command.add("-H:NativeLinkerOption=-Wl,--allow-shlib-undefined");
    command.add("-H:NativeLinkerOption=-Wl,-rpath," + home.resolve("lib/svm/runtime") + ":" + home.resolve("lib"));
    if (System.getenv("NATIVE_IMAGE_DRIVER_VERBOSE") != null) {
      System.err.println(String.join(" \\\n  ", command));
    }
    Process process = new ProcessBuilder(command).inheritIO().start();
    return process.waitFor();
  }
}
