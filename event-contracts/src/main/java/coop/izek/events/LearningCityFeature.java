package coop.izek.events;

/**
 * The key features of a learning city in UNESCO's Global Network of Learning Cities framework (the one its biennial
 * progress report follows): three wider benefits, six building blocks, three fundamental conditions. Workshops and
 * projects are tagged with them; the Learning City report counts activities and participants by them.
 */
public enum LearningCityFeature {
    BENEFIT_EMPOWERMENT_AND_SOCIAL_COHESION,
    BENEFIT_ECONOMIC_DEVELOPMENT_AND_CULTURAL_PROSPERITY,
    BENEFIT_SUSTAINABLE_DEVELOPMENT,
    BLOCK_INCLUSIVE_LEARNING_IN_EDUCATION,
    BLOCK_LEARNING_IN_FAMILIES_AND_COMMUNITIES,
    BLOCK_LEARNING_FOR_AND_IN_THE_WORKPLACE,
    BLOCK_MODERN_LEARNING_TECHNOLOGIES,
    BLOCK_QUALITY_IN_LEARNING,
    BLOCK_CULTURE_OF_LIFELONG_LEARNING,
    CONDITION_POLITICAL_WILL_AND_COMMITMENT,
    CONDITION_GOVERNANCE_AND_PARTICIPATION,
    CONDITION_MOBILISATION_OF_RESOURCES
}
