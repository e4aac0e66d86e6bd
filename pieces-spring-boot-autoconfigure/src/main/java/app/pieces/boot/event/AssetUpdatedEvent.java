package app.pieces.boot.event;

import app.pieces.model.Asset;
import app.pieces.websocket.IdentifierStream;

/**
 * Published when the asset cache stores a new or changed asset: its snapshot was fetched from Pieces OS
 * after the asset identifiers stream announced it.
 *
 * @since 0.1.0
 */
public class AssetUpdatedEvent extends ItemUpdatedEvent<Asset> {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new event.
	 * @param source the asset cache
	 * @param asset the fetched snapshot
	 */
	public AssetUpdatedEvent(Object source, Asset asset) {
		super(source, IdentifierStream.ASSETS, asset);
	}

	/**
	 * Return the asset (the fetched snapshot).
	 * @return the asset
	 */
	public Asset getAsset() {
		return getItem();
	}

}
