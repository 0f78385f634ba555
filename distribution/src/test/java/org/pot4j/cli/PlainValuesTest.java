package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlainValuesTest {
    @Test
    void numbersAndBooleansBecomeJsonValues() {
        assertEquals(2, PlainValues.parse("2"));
        assertEquals(5_000_000_000L, PlainValues.parse("5000000000"));
        assertEquals(0.5, PlainValues.parse("0.5"));
        assertEquals(true, PlainValues.parse("true"));
        assertEquals("CPU", PlainValues.parse("CPU"));
    }

    @Test
    void loaderOptionsMayBeListsOfNumbers() {
        assertEquals(java.util.List.of(4), PlainValues.parseWithLists("[4]"));
        assertEquals(java.util.List.of(1, 4), PlainValues.parseWithLists("1,4"));
        assertEquals(4, PlainValues.parseWithLists("4"));
        assertEquals("a,b", PlainValues.parseWithLists("a,b"));
    }
}
