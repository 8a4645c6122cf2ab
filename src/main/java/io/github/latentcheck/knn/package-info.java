/** API: exact k-nearest-neighbour search ({@link io.github.latentcheck.knn.NearestNeighborSearch}), its results, and the reference rows it searches. */
package io.github.latentcheck.knn;
