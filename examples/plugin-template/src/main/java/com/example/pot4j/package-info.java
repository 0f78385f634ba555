/**
 * A template for third-party pot4j plugins: one entry point ({@link com.example.pot4j.ExamplePlugin}) contributing a
 * data loader ("csv"), an engine ("timing") and an algorithm ("RangeReport").
 */
package com.example.pot4j;
