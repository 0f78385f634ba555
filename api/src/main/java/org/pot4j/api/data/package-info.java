/** Data sets: {@link org.pot4j.api.data.DataLoader}, its samples and the samplers engines iterate with. */
package org.pot4j.api.data;
