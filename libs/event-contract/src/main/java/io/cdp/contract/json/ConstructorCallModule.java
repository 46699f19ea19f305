package io.cdp.contract.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.introspect.AnnotatedWithParams;
import tools.jackson.databind.module.SimpleModule;

/**
 * Calls the constructor of a record (or any class created through its properties) with a
 * method handle made once per type, instead of Jackson's own call.
 *
 * <p>
 * Jackson 3.1 calls such a constructor through
 * {@link MethodHandle#invokeWithArguments(Object...)}, which builds a spreading handle
 * and its method types on every call. Every record the platform reads goes through it (an
 * event, each of its identifiers, each internal command), and under load it was a
 * measurable part of the profile service's reading time and of its allocations. Here the
 * spreading handle is made when the deserializer is built, behind an interface
 * ({@link MethodHandleProxies}: on Java 22 and later a class of its own that calls the
 * handle, as fast as a plain {@code invokeExact}; on Java 21 a proxy, a few nanoseconds
 * more a call). A constructor that throws fails exactly as it does with Jackson's own
 * instantiator; a type whose constructor cannot be reached this way keeps Jackson's
 * instantiator.
 */
final class ConstructorCallModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	ConstructorCallModule() {
		super("cdp-constructor-calls");
	}

	@Override
	public void setupModule(SetupContext context) {
		super.setupModule(context);
		context.addValueInstantiators(new Instantiators());
	}

	/** Replaces the plain instantiator of types created through a constructor. */
	private static final class Instantiators extends ValueInstantiators.Base {

		@Override
		public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
				BeanDescription.Supplier beanDescRef, ValueInstantiator defaultInstantiator) {
			if (defaultInstantiator.getClass() != StdValueInstantiator.class) {
				return defaultInstantiator;
			}
			StdValueInstantiator standard = (StdValueInstantiator) defaultInstantiator;
			AnnotatedWithParams creator = standard.getWithArgsCreator();
			if (!(creator instanceof AnnotatedConstructor constructor) || constructor.getParameterCount() == 0) {
				return defaultInstantiator;
			}
			Construction construction = construction(constructor.getAnnotated());
			return (construction != null) ? new Spreading(standard, construction) : defaultInstantiator;
		}

		/**
		 * The constructor behind a handle taking the arguments as one {@code Object[]},
		 * or null when the constructor cannot be reached that way.
		 */
		private static Construction construction(Constructor<?> constructor) {
			try {
				MethodHandle handle = MethodHandles.lookup().unreflectConstructor(constructor);
				MethodHandle spreading = handle.asType(handle.type().generic())
					.asSpreader(Object[].class, constructor.getParameterCount());
				return MethodHandleProxies.asInterfaceInstance(Construction.class, spreading);
			}
			catch (IllegalAccessException | RuntimeException ex) {
				return null;
			}
		}

	}

	/**
	 * A constructor called with its arguments as one array: a proxy of a spreading
	 * handle, so that a call declares what the constructor may throw, not
	 * {@code Throwable} as {@code invokeExact} does.
	 */
	@FunctionalInterface
	public interface Construction {

		/**
		 * Calls the constructor.
		 * @param arguments its arguments, in order
		 * @return the new instance
		 * @throws Exception what the constructor threw
		 */
		Object construct(Object[] arguments) throws Exception;

	}

	/** Jackson's instantiator, with its constructor called through a ready handle. */
	private static final class Spreading extends StdValueInstantiator {

		private static final long serialVersionUID = 1L;

		private final transient Construction constructor;

		Spreading(StdValueInstantiator standard, Construction constructor) {
			super(standard);
			this.constructor = constructor;
		}

		@Override
		public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) throws JacksonException {
			try {
				return this.constructor.construct(args);
			}
			catch (Exception ex) {
				// What the constructor refused: reported as Jackson's own instantiator
				// reports it (a ValueInstantiationException naming the type and the
				// cause). An Error goes on unchanged, as it does from Jackson's own call.
				return ctxt.handleInstantiationProblem(this._valueClass, args, rewrapCtorProblem(ctxt, ex));
			}
		}

	}

}
