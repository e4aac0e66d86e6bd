package app.pieces.boot.event;

import app.pieces.model.Asset;
import app.pieces.websocket.IdentifierStream;

/**
 * Published when the asset cache drops an asset: it was deleted in Pieces OS, Pieces OS answered
 * 404/410 for it, or it was missing from the full list sent after a (re)connect.
 *
 * @since 0.1.0
 */
public class AssetRemovedEvent extends ItemRemovedEvent<Asset> {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new event.
	 * @param source the asset cache
	 * @param asset the last known snapshot
	 */
	public AssetRemovedEvent(Object source, Asset asset) {
		super(source, IdentifierStream.ASSETS, asset);
	}

	/**
	 * Return the asset (the last known snapshot).
	 * @return the asset
	 */
	public Asset getAsset() {
		return getItem();
	}

}
