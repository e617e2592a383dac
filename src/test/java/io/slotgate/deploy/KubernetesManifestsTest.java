package io.slotgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests in deploy/k8s say what the service and its documents say: probes on the health paths and
 * the management port, the documented image, settings and migrate command, a Service on the API port, an autoscaler
 * on the Deployment, and requests no smaller than the benchmark's measured RSS. No Kubernetes schema validator is
 * packaged for Debian or Maven Central here (no kubeconform, no kubeval), so these are the essentials, read as YAML.
 */
class KubernetesManifestsTest {

  private static final Path K8S = Path.of("deploy/k8s");
  private static final Map<String, String> API_VERSIONS = Map.of("Deployment", "apps/v1", "Job", "batch/v1",
      "Service", "v1", "ConfigMap", "v1", "HorizontalPodAutoscaler", "autoscaling/v2");
  private static final Set<String> HEALTH_PATHS = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");
  private static final Map<String, JsonNode> BY_KIND = new HashMap<>();
  private static String operations;
  private static String properties;

  @BeforeAll
  static void read() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<Path> files;
    try (Stream<Path> listed = Files.list(K8S)) {
      files = listed.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no manifests in " + K8S);
    for (Path file : files) {
      try (var parser = yaml.createParser(file.toFile())) {
        for (var docs = yaml.readValues(parser, JsonNode.class); docs.hasNext(); ) {
          JsonNode doc = docs.next();
          String kind = doc.path("kind").asText();
          assertTrue(API_VERSIONS.containsKey(kind), file + ": unexpected kind '" + kind + "'");
          assertEquals(API_VERSIONS.get(kind), doc.path("apiVersion").asText(), file + ": apiVersion of " + kind);
          assertFalse(doc.path("metadata").path("name").asText().isBlank(), file + ": " + kind + " without a name");
          assertTrue(BY_KIND.put(kind, doc) == null, file + ": a second " + kind);
        }
      }
    }
    operations = Files.readString(Path.of("docs/operations.md"));
    properties = Files.readString(Path.of("src/main/resources/application.properties"));
  }

  @Test
  void everyKindIsThere() {
    assertEquals(API_VERSIONS.keySet(), BY_KIND.keySet());
  }

  @Test
  void probesAskTheHealthPathsOnTheManagementPort() {
    JsonNode container = container(BY_KIND.get("Deployment"));
    int management = port(container, "management");
    assertEquals(defaultOf("quarkus.management.port", "MANAGEMENT_PORT"), management,
        "the container's management port is application.properties' quarkus.management.port");
    assertFalse(properties.contains("quarkus.smallrye-health.root-path") || properties.contains("non-application-root-path"),
        "the health root path moved: update the probes and this test");
    Map<String, String> probePaths = Map.of("readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live");
    probePaths.forEach((probe, path) -> assertTrue(container.has(probe), "Deployment without a " + probe));
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      if (!container.has(probe)) {
        continue;
      }
      JsonNode get = container.path(probe).path("httpGet");
      String path = get.path("path").asText();
      assertTrue(HEALTH_PATHS.contains(path), probe + " asks " + path + ", not one of " + HEALTH_PATHS);
      if (probePaths.containsKey(probe)) {
        assertEquals(probePaths.get(probe), path, probe);
      }
      assertEquals(management, resolvePort(container, get.path("port")), probe + " must ask the management port");
    }
    assertEquals(defaultOf("quarkus.http.port", "PORT"), port(container, "http"),
        "the container's http port is application.properties' quarkus.http.port");
    Map<String, String> config = configMap();
    assertEquals(String.valueOf(management), config.getOrDefault("MANAGEMENT_PORT", String.valueOf(management)));
    assertEquals(String.valueOf(port(container, "http")), config.getOrDefault("PORT", String.valueOf(port(container, "http"))));
  }

  @Test
  void imageAndSettingsAreTheDocumentedOnes() throws IOException {
    Matcher tag = Pattern.compile("docker build -f src/main/docker/Dockerfile.jvm -t (\\S+)")
        .matcher(Files.readString(Path.of("src/main/docker/Dockerfile.jvm")));
    assertTrue(tag.find(), "Dockerfile.jvm no longer names its image");
    JsonNode deployment = container(BY_KIND.get("Deployment"));
    JsonNode migrate = container(BY_KIND.get("Job"));
    assertEquals(tag.group(1), deployment.path("image").asText(), "the Deployment's image");
    assertEquals(tag.group(1), migrate.path("image").asText(), "the migrate Job's image");

    String documented = operations + Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
    Set<String> names = new LinkedHashSet<>(configMap().keySet());
    for (JsonNode container : List.of(deployment, migrate)) {
      container.path("env").forEach(env -> names.add(env.path("name").asText()));
      container.path("envFrom").forEach(from -> assertEquals(BY_KIND.get("ConfigMap").path("metadata").path("name").asText(),
          from.path("configMapRef").path("name").asText(), "envFrom names the ConfigMap in deploy/k8s"));
    }
    for (String name : names) {
      assertTrue(Pattern.compile("\\b" + name + "\\b").matcher(documented).find(),
          name + " is not a setting docs/operations.md (or Dockerfile.jvm) documents");
    }
    for (JsonNode container : List.of(deployment, migrate)) {
      Set<String> has = new LinkedHashSet<>(configMap().keySet());
      container.path("env").forEach(env -> has.add(env.path("name").asText()));
      for (String required : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
          "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_OIDC_AUTH_SERVER_URL",
          "SLOTGATE_HUB_SECRET_KEY")) {
        assertTrue(has.contains(required), container.path("name").asText() + " lacks " + required);
      }
    }
    assertEquals("false", configMap().get("SLOTGATE_MIGRATE_AT_START"), "instances must not migrate: the Job does");
    assertTrue(operations.contains("java -jar target/quarkus-app/quarkus-run.jar migrate"), "docs/operations.md's migrate step");
    assertEquals(List.of("migrate"), strings(migrate.path("args")), "the Job runs the image with the argument migrate");
    assertTrue(migrate.path("command").isMissingNode(), "the Job keeps the image's entrypoint");
    String restart = BY_KIND.get("Job").path("spec").path("template").path("spec").path("restartPolicy").asText();
    assertTrue(Set.of("Never", "OnFailure").contains(restart), "a Job's restartPolicy is Never or OnFailure");
  }

  @Test
  void serviceSendsToTheApiPortOfTheDeploymentsPods() {
    JsonNode service = BY_KIND.get("Service");
    JsonNode deployment = BY_KIND.get("Deployment");
    JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
    deployment.path("spec").path("selector").path("matchLabels").properties().forEach(label -> assertEquals(
        label.getValue().asText(), podLabels.path(label.getKey()).asText(), "the Deployment's selector matches its pods"));
    service.path("spec").path("selector").properties().forEach(label -> assertEquals(label.getValue().asText(),
        podLabels.path(label.getKey()).asText(), "the Service selects the Deployment's pods"));
    JsonNode jobLabels = BY_KIND.get("Job").path("spec").path("template").path("metadata").path("labels");
    List<Boolean> jobMatches = new ArrayList<>();
    service.path("spec").path("selector").properties().forEach(label ->
        jobMatches.add(label.getValue().asText().equals(jobLabels.path(label.getKey()).asText())));
    assertTrue(jobMatches.contains(false), "the Service must not select the migrate Job's pod");
    JsonNode container = container(deployment);
    assertFalse(service.path("spec").path("ports").isEmpty(), "the Service has no port");
    service.path("spec").path("ports").forEach(port -> assertEquals(port(container, "http"),
        resolvePort(container, port.path("targetPort")), "the Service exposes the API port only, never management"));
  }

  @Test
  void autoscalerScalesTheDeploymentOnRequestedCpu() {
    JsonNode hpa = BY_KIND.get("HorizontalPodAutoscaler").path("spec");
    JsonNode target = hpa.path("scaleTargetRef");
    assertEquals("apps/v1", target.path("apiVersion").asText());
    assertEquals("Deployment", target.path("kind").asText());
    assertEquals(BY_KIND.get("Deployment").path("metadata").path("name").asText(), target.path("name").asText());
    int min = hpa.path("minReplicas").asInt(1);
    assertTrue(min >= 1 && min <= hpa.path("maxReplicas").asInt(), "1 <= minReplicas <= maxReplicas");
    boolean cpu = false;
    for (JsonNode metric : hpa.path("metrics")) {
      cpu |= "cpu".equals(metric.path("resource").path("name").asText());
    }
    assertTrue(cpu, "the autoscaler reads CPU utilisation");
    assertFalse(container(BY_KIND.get("Deployment")).path("resources").path("requests").path("cpu").asText().isBlank(),
        "CPU utilisation is measured against the CPU request: set it");
  }

  @Test
  void memoryRequestCoversTheBenchmarksMeasuredRss() throws IOException {
    JsonNode bench = new ObjectMapper().readTree(Path.of("bench/last-full-run.json").toFile());
    int measured = bench.path("rss_mb_after_holds").asInt();
    assertTrue(measured > 0, "bench/last-full-run.json lost rss_mb_after_holds");
    for (String kind : List.of("Deployment", "Job")) {
      JsonNode resources = container(BY_KIND.get(kind)).path("resources");
      long request = mebibytes(resources.path("requests").path("memory").asText());
      long limit = mebibytes(resources.path("limits").path("memory").asText());
      assertTrue(request * 1024 * 1024 >= measured * 1_000_000L, kind + ": memory request " + request
          + "Mi is below the measured RSS under load, " + measured + " MB (bench/last-full-run.json)");
      assertTrue(limit >= request, kind + ": memory limit below the request");
    }
    String comment = Files.readString(K8S.resolve("deployment.yaml"));
    assertTrue(comment.contains("rss_mb_after_holds " + measured), "deployment.yaml's comment names the measured RSS");
  }

  private static JsonNode container(JsonNode workload) {
    JsonNode containers = workload.path("spec").path("template").path("spec").path("containers");
    assertEquals(1, containers.size(), workload.path("kind").asText() + ": one container");
    return containers.get(0);
  }

  private static Map<String, String> configMap() {
    Map<String, String> data = new HashMap<>();
    BY_KIND.get("ConfigMap").path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
    return data;
  }

  private static int port(JsonNode container, String name) {
    for (JsonNode port : container.path("ports")) {
      if (name.equals(port.path("name").asText())) {
        return port.path("containerPort").asInt();
      }
    }
    return fail("no container port named " + name);
  }

  private static int resolvePort(JsonNode container, JsonNode port) {
    return port.isInt() ? port.asInt() : port(container, port.asText());
  }

  /** The default of a property written {@code key=${ENV:default}} in application.properties. */
  private static int defaultOf(String key, String env) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "=\\$\\{" + env + ":(\\d+)}$").matcher(properties);
    assertTrue(m.find(), "application.properties: " + key + "=${" + env + ":...}");
    return Integer.parseInt(m.group(1));
  }

  private static long mebibytes(String quantity) {
    Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
    assertTrue(m.matches(), "memory quantity in Mi or Gi: " + quantity);
    return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
