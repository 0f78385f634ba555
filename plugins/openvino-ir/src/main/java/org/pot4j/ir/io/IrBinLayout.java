package org.pot4j.ir.io;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.ir.document.IrDocument;
import org.pot4j.ir.document.IrLayer;

/**
 * Where each constant goes in the {@code .bin}: blobs in ascending layer-id order, and a blob equal byte for byte
 * to one already placed shares its offset (as OpenVINO's serializer does).
 */
public final class IrBinLayout {
    /** Where one constant's bytes are. */
    public record Placement(long offset, long size) {
    }

    private final Map<Integer, Placement> placements;
    private final List<ByteBuffer> blobs;
    private final long totalSize;

    private IrBinLayout(Map<Integer, Placement> placements, List<ByteBuffer> blobs, long totalSize) {
        this.placements = placements;
        this.blobs = blobs;
        this.totalSize = totalSize;
    }

    /** The layout of every Const with data in {@code doc}. */
    public static IrBinLayout of(IrDocument doc) {
        List<IrLayer> consts = new ArrayList<>();
        for (IrLayer l : doc.layers()) {
            if (l.isConst() && l.constData().isPresent()) {
                consts.add(l);
            }
        }
        consts.sort(Comparator.comparingInt(IrLayer::id));
        Map<Integer, Placement> placements = new HashMap<>();
        // ByteBuffer equality and hash code are over the remaining bytes: exactly "identical blob".
        Map<ByteBuffer, Placement> seen = new HashMap<>();
        List<ByteBuffer> blobs = new ArrayList<>();
        long offset = 0;
        for (IrLayer c : consts) {
            ByteBuffer data = c.constData().get();
            Placement p = seen.get(data);
            if (p == null) {
                p = new Placement(offset, data.remaining());
                seen.put(data, p);
                blobs.add(data);
                offset += data.remaining();
            }
            placements.put(c.id(), p);
        }
        return new IrBinLayout(placements, Collections.unmodifiableList(blobs), offset);
    }

    /** Where the Const with {@code layerId} is placed. */
    public Placement placement(int layerId) {
        Placement p = placements.get(layerId);
        if (p == null) {
            throw new IllegalArgumentException("layer " + layerId + " is not a Const with data");
        }
        return p;
    }

    /** The distinct blobs in file order. */
    public List<ByteBuffer> blobs() {
        return blobs;
    }

    /** The size of the {@code .bin}. */
    public long totalSize() {
        return totalSize;
    }
}
