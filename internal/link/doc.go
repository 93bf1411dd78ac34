// Package link is the learned profile linker: for each person an article
// names, it picks the rank, the post and the unit among the RANK, POSITION
// and UNIT mentions near the person's mentions, with a linear model over
// features of how candidate and mention stand to each other (distance,
// direction, punctuation and other people between, role verbs, list
// structure). The extract package builds an Input from its entities and
// calls Decide; cmd/vnews-train builds the same Inputs from gold spans and
// trains the weights as a log-linear model over each slot's candidates
// (softmax, AdaGrad; an averaged perceptron is the alternative it keeps).
//
// It sits after the entity finders and the profile grouping in the
// pipeline, and before the record. It is internal: the model format and the
// features change together.
package link
