package app.pieces.model;

/**
 * A model that keeps the raw JSON it was decoded from. The mapper from {@link PiecesJson} fills it in after
 * decoding.
 *
 * @param <T> the model type
 */
interface RawJsonCarrier<T> {

	/**
	 * Return a copy of this model carrying the given raw JSON.
	 * @param rawJson the JSON this model was decoded from
	 * @return a copy with the raw JSON
	 */
	T withRawJson(RawJson rawJson);

}
