package app.pieces.simulator;

import java.beans.PropertyChangeListener;

import org.apache.catalina.Context;
import org.apache.catalina.Loader;
import org.jspecify.annotations.Nullable;

/**
 * A Tomcat {@link Loader} that hands out the simulator's own class loader instead of a web application class
 * loader: nothing is loaded from a web application, and Tomcat's leak prevention (which cannot read its own
 * classes inside a nested executable jar) has nothing to do on stop.
 */
final class SimulatorLoader implements Loader {

	private @Nullable Context context;

	@Override
	public void backgroundProcess() {
	}

	@Override
	public ClassLoader getClassLoader() {
		return SimulatorLoader.class.getClassLoader();
	}

	@Override
	public @Nullable Context getContext() {
		return this.context;
	}

	@Override
	public void setContext(@Nullable Context context) {
		this.context = context;
	}

	@Override
	public boolean getDelegate() {
		return true;
	}

	@Override
	public void setDelegate(boolean delegate) {
	}

	@Override
	public void addPropertyChangeListener(PropertyChangeListener listener) {
	}

	@Override
	public boolean modified() {
		return false;
	}

	@Override
	public void removePropertyChangeListener(PropertyChangeListener listener) {
	}

}
