package coop.izek.events;

/** The cooperative's education themes: workshop categories and educators' areas of expertise. */
public enum WorkshopCategory {
    STEM, ARTS, SPORTS_GAMES, TRIPS_EVENTS, BOOKS_PHILOSOPHY, FOREIGN_LANGUAGES, ENTREPRENEURSHIP, DEVELOPMENT_COOPERATION
}
