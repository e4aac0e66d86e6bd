package app.pieces.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * A request to give an asset another language ({@code POST /asset/reclassify}).
 *
 * @param ext the new language, a {@code ClassificationSpecificEnum} value (a file extension such as {@code py})
 * @param asset the asset as Pieces OS sent it (its full JSON)
 */
public record AssetReclassification(@JsonProperty("ext") String ext, @JsonProperty("asset") JsonNode asset) {

}
