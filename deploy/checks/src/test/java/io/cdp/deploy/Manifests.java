package io.cdp.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The objects of a rendered chart, each read into its Kubernetes API type.
 *
 * <p>
 * Reading is as strict as the API server: a field the type does not have (a typo, a field
 * at the wrong level) is an error, and so is a value of the wrong JSON type (a number
 * where the API wants a string, as in an unquoted ConfigMap value, or a string where it
 * wants a number). The fabric8 model types are generated from the Kubernetes OpenAPI
 * document; they keep unknown fields in {@code additionalProperties}, which is what
 * {@link #unknownFields} looks for.
 */
final class Manifests {

	/** The API versions and kinds the chart may render, with their model types. */
	private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
			Map.entry("v1/ConfigMap", ConfigMap.class), Map.entry("v1/Secret", Secret.class),
			Map.entry("v1/Service", Service.class), Map.entry("v1/ServiceAccount", ServiceAccount.class),
			Map.entry("apps/v1/Deployment", Deployment.class), Map.entry("apps/v1/StatefulSet", StatefulSet.class),
			Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
			Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
			Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
			Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class));

	private static final JsonMapper MAPPER = strictMapper();

	private final List<HasMetadata> objects;

	private Manifests(List<HasMetadata> objects) {
		this.objects = objects;
	}

	/**
	 * Reads every YAML document of Helm's output.
	 * @throws IllegalArgumentException naming the object and the field at fault
	 */
	static Manifests parse(String rendered) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		List<HasMetadata> objects = new ArrayList<>();
		for (Object document : new Yaml(options).loadAll(rendered)) {
			if (document == null) {
				continue;
			}
			if (!(document instanceof Map<?, ?> map)) {
				throw new IllegalArgumentException("Not a Kubernetes object: " + document);
			}
			objects.add(read(map));
		}
		return new Manifests(objects);
	}

	private static HasMetadata read(Map<?, ?> document) {
		String type = document.get("apiVersion") + "/" + document.get("kind");
		Class<? extends HasMetadata> modelType = TYPES.get(type);
		if (modelType == null) {
			throw new IllegalArgumentException("Unexpected API version and kind " + type + ": " + name(document));
		}
		HasMetadata object;
		try {
			object = MAPPER.convertValue(document, modelType);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					type + " " + name(document) + " does not match its API type: " + ex.getMessage(), ex);
		}
		List<String> unknown = unknownFields(object, "");
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException(
					type + " " + name(document) + " has fields its API type does not know: " + unknown);
		}
		return object;
	}

	private static Object name(Map<?, ?> document) {
		return (document.get("metadata") instanceof Map<?, ?> metadata) ? metadata.get("name") : "(no name)";
	}

	/** Paths of the fields a model object kept as additional properties. */
	static List<String> unknownFields(Object model, String path) {
		List<String> unknown = new ArrayList<>();
		collectUnknown(model, path, unknown);
		return unknown;
	}

	private static void collectUnknown(Object value, String path, List<String> unknown) {
		if (value instanceof List<?> list) {
			for (int index = 0; index < list.size(); index++) {
				collectUnknown(list.get(index), path + "[" + index + "]", unknown);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, entry) -> collectUnknown(entry, path + "[" + key + "]", unknown));
			return;
		}
		if (value == null || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
					|| !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
				continue;
			}
			Object property = invoke(getter, value);
			if (getter.getName().equals("getAdditionalProperties")) {
				if (property instanceof Map<?, ?> extra) {
					extra.keySet().forEach((key) -> unknown.add(path + "." + key));
				}
			}
			else {
				String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
				collectUnknown(property, path.isEmpty() ? name : path + "." + name, unknown);
			}
		}
	}

	private static Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Cannot read " + getter, ex);
		}
	}

	private static JsonMapper strictMapper() {
		JsonMapper mapper = JsonMapper.builder()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.build();
		// The API server refuses 8080 where it wants a string and "8080" where it wants a
		// number; Jackson would convert both silently.
		for (LogicalType textual : List.of(LogicalType.Textual)) {
			mapper.coercionConfigFor(textual)
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
		}
		for (LogicalType number : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
			mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
		}
		return mapper;
	}

	List<HasMetadata> all() {
		return this.objects;
	}

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
		return all(type).stream().filter((object) -> object.getMetadata().getName().equals(name)).findFirst();
	}

	<T extends HasMetadata> T get(Class<T> type, String name) {
		return find(type, name).orElseThrow(
				() -> new AssertionError("No " + type.getSimpleName() + " named " + name + " in " + names(type)));
	}

	private List<String> names(Class<? extends HasMetadata> type) {
		return all(type).stream().map((object) -> object.getMetadata().getName()).toList();
	}

	/** The pod templates of the Deployments and StatefulSets, by workload name. */
	Map<String, PodTemplateSpec> podTemplates() {
		Map<String, PodTemplateSpec> templates = new java.util.LinkedHashMap<>();
		all(Deployment.class).forEach((d) -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
		all(StatefulSet.class).forEach((s) -> templates.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
		return templates;
	}

	/** The one container of a workload's pods. */
	Container container(String workload) {
		PodTemplateSpec template = podTemplates().get(workload);
		if (template == null) {
			throw new AssertionError("No workload named " + workload + " in " + podTemplates().keySet());
		}
		List<Container> containers = template.getSpec().getContainers();
		if (containers.size() != 1) {
			throw new AssertionError(workload + " has " + containers.size() + " containers");
		}
		return containers.get(0);
	}

}
