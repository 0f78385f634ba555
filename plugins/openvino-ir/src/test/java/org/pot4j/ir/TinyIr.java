package org.pot4j.ir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A hand-written IR v11 for tests: {@code data} (Parameter 1x2x4x4) -> {@code conv} (Convolution, weights Const
 * {@code w} f32 3x2x1x1 = 24 bytes at offset 0) -> {@code out} (Result). Tests corrupt the text or the bytes.
 */
final class TinyIr {
    static final String XML = """
            <?xml version="1.0"?>
            <net name="tiny" version="11">
            	<layers>
            		<layer id="0" name="data" type="Parameter" version="opset1">
            			<data shape="1,2,4,4" element_type="f32"/>
            			<output>
            				<port id="0" precision="FP32" names="data,input:0">
            					<dim>1</dim><dim>2</dim><dim>4</dim><dim>4</dim>
            				</port>
            			</output>
            		</layer>
            		<layer id="1" name="w" type="Const" version="opset1">
            			<data element_type="f32" shape="3,2,1,1" offset="0" size="24"/>
            			<output>
            				<port id="0" precision="FP32"><dim>3</dim><dim>2</dim><dim>1</dim><dim>1</dim></port>
            			</output>
            		</layer>
            		<layer id="2" name="conv" type="Convolution" version="opset1">
            			<data strides="1,1" dilations="1,1" pads_begin="0,0" pads_end="0,0" auto_pad="explicit"/>
            			<rt_info><attribute name="fused_names" version="0" value="conv"/></rt_info>
            			<input>
            				<port id="0" precision="FP32"><dim>1</dim><dim>2</dim><dim>4</dim><dim>4</dim></port>
            				<port id="1" precision="FP32"><dim>3</dim><dim>2</dim><dim>1</dim><dim>1</dim></port>
            			</input>
            			<output>
            				<port id="2" precision="FP32" names="conv:0"><dim>1</dim><dim>3</dim><dim>4</dim><dim>4</dim></port>
            			</output>
            		</layer>
            		<layer id="3" name="out" type="Result" version="opset1">
            			<input>
            				<port id="0" precision="FP32"><dim>1</dim><dim>3</dim><dim>4</dim><dim>4</dim></port>
            			</input>
            		</layer>
            	</layers>
            	<edges>
            		<edge from-layer="0" from-port="0" to-layer="2" to-port="0"/>
            		<edge from-layer="1" from-port="0" to-layer="2" to-port="1"/>
            		<edge from-layer="2" from-port="2" to-layer="3" to-port="0"/>
            	</edges>
            	<rt_info>
            		<MO_version value="test"/>
            	</rt_info>
            </net>
            """;

    /** The 6 weights, 1..6. */
    static byte[] weights() {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 1; i <= 6; i++) {
            b.putFloat(i);
        }
        return b.array();
    }

    private TinyIr() {
    }

    /** Writes {@code xml} as {@code dir/tiny.xml} and {@code bin} as {@code dir/tiny.bin} (skipped when null). */
    static Path write(Path dir, String xml, byte[] bin) throws IOException {
        Path x = Files.writeString(dir.resolve("tiny.xml"), xml);
        if (bin != null) {
            Files.write(dir.resolve("tiny.bin"), bin);
        }
        return x;
    }

    /** The intact tiny IR. */
    static Path write(Path dir) throws IOException {
        return write(dir, XML, weights());
    }
}
