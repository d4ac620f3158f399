package coop.izek.project.activity;

import java.util.Map;

import coop.izek.events.LearningCityFeature;
import coop.izek.events.TargetGroup;

/** The Learning City report's words in Turkish, English and Polish (the GNLC framework's own English terms). */
record ReportLabels(String language, String total, String online, Map<String, String> words) {

    static ReportLabels in(String language) {
        return switch (language == null ? "en" : language) {
            case "tr" -> new ReportLabels("tr", "Toplam", "Çevrim içi", TR);
            case "pl" -> new ReportLabels("pl", "Razem", "Online", PL);
            default -> new ReportLabels("en", "Total", "Online", EN);
        };
    }

    String feature(LearningCityFeature feature) {
        return words.get(feature.name());
    }

    String dimension(LearningCityFeature feature) {
        return words.get(feature.name().substring(0, feature.name().indexOf('_')));
    }

    String targetGroup(TargetGroup group) {
        return words.get(group.name());
    }

    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("BENEFIT", "Wider benefits of building a learning city"),
            Map.entry("BLOCK", "Building blocks of a learning city"),
            Map.entry("CONDITION", "Fundamental conditions for building a learning city"),
            Map.entry("BENEFIT_EMPOWERMENT_AND_SOCIAL_COHESION", "Individual empowerment and social cohesion"),
            Map.entry("BENEFIT_ECONOMIC_DEVELOPMENT_AND_CULTURAL_PROSPERITY", "Economic development and cultural prosperity"),
            Map.entry("BENEFIT_SUSTAINABLE_DEVELOPMENT", "Sustainable development"),
            Map.entry("BLOCK_INCLUSIVE_LEARNING_IN_EDUCATION", "Inclusive learning in the education system"),
            Map.entry("BLOCK_LEARNING_IN_FAMILIES_AND_COMMUNITIES", "Revitalized learning in families and communities"),
            Map.entry("BLOCK_LEARNING_FOR_AND_IN_THE_WORKPLACE", "Effective learning for and in the workplace"),
            Map.entry("BLOCK_MODERN_LEARNING_TECHNOLOGIES", "Extended use of modern learning technologies"),
            Map.entry("BLOCK_QUALITY_IN_LEARNING", "Enhanced quality in learning"),
            Map.entry("BLOCK_CULTURE_OF_LIFELONG_LEARNING", "A vibrant culture of learning throughout life"),
            Map.entry("CONDITION_POLITICAL_WILL_AND_COMMITMENT", "Strong political will and commitment"),
            Map.entry("CONDITION_GOVERNANCE_AND_PARTICIPATION", "Governance and participation of all stakeholders"),
            Map.entry("CONDITION_MOBILISATION_OF_RESOURCES", "Mobilization and utilization of resources"),
            Map.entry("CHILDREN", "Children"), Map.entry("YOUTH", "Youth"), Map.entry("PARENTS", "Parents"),
            Map.entry("ADULTS", "Adults"), Map.entry("EDUCATORS", "Educators"));

    private static final Map<String, String> TR = Map.ofEntries(
            Map.entry("BENEFIT", "Öğrenen şehir olmanın geniş yararları"),
            Map.entry("BLOCK", "Öğrenen şehrin yapı taşları"),
            Map.entry("CONDITION", "Öğrenen şehir için temel koşullar"),
            Map.entry("BENEFIT_EMPOWERMENT_AND_SOCIAL_COHESION", "Bireysel güçlenme ve toplumsal uyum"),
            Map.entry("BENEFIT_ECONOMIC_DEVELOPMENT_AND_CULTURAL_PROSPERITY", "Ekonomik kalkınma ve kültürel zenginlik"),
            Map.entry("BENEFIT_SUSTAINABLE_DEVELOPMENT", "Sürdürülebilir kalkınma"),
            Map.entry("BLOCK_INCLUSIVE_LEARNING_IN_EDUCATION", "Eğitim sisteminde kapsayıcı öğrenme"),
            Map.entry("BLOCK_LEARNING_IN_FAMILIES_AND_COMMUNITIES", "Ailelerde ve topluluklarda canlanan öğrenme"),
            Map.entry("BLOCK_LEARNING_FOR_AND_IN_THE_WORKPLACE", "İş için ve işyerinde etkili öğrenme"),
            Map.entry("BLOCK_MODERN_LEARNING_TECHNOLOGIES", "Modern öğrenme teknolojilerinin yaygın kullanımı"),
            Map.entry("BLOCK_QUALITY_IN_LEARNING", "Öğrenmede artan kalite"),
            Map.entry("BLOCK_CULTURE_OF_LIFELONG_LEARNING", "Yaşam boyu canlı bir öğrenme kültürü"),
            Map.entry("CONDITION_POLITICAL_WILL_AND_COMMITMENT", "Güçlü siyasi irade ve kararlılık"),
            Map.entry("CONDITION_GOVERNANCE_AND_PARTICIPATION", "Tüm paydaşların yönetişimi ve katılımı"),
            Map.entry("CONDITION_MOBILISATION_OF_RESOURCES", "Kaynakların harekete geçirilmesi ve kullanımı"),
            Map.entry("CHILDREN", "Çocuklar"), Map.entry("YOUTH", "Gençler"), Map.entry("PARENTS", "Ebeveynler"),
            Map.entry("ADULTS", "Yetişkinler"), Map.entry("EDUCATORS", "Eğitimciler"));

    private static final Map<String, String> PL = Map.ofEntries(
            Map.entry("BENEFIT", "Szersze korzyści z budowania uczącego się miasta"),
            Map.entry("BLOCK", "Elementy składowe uczącego się miasta"),
            Map.entry("CONDITION", "Podstawowe warunki budowania uczącego się miasta"),
            Map.entry("BENEFIT_EMPOWERMENT_AND_SOCIAL_COHESION", "Wzmocnienie jednostek i spójność społeczna"),
            Map.entry("BENEFIT_ECONOMIC_DEVELOPMENT_AND_CULTURAL_PROSPERITY", "Rozwój gospodarczy i dobrobyt kulturalny"),
            Map.entry("BENEFIT_SUSTAINABLE_DEVELOPMENT", "Zrównoważony rozwój"),
            Map.entry("BLOCK_INCLUSIVE_LEARNING_IN_EDUCATION", "Włączające uczenie się w systemie edukacji"),
            Map.entry("BLOCK_LEARNING_IN_FAMILIES_AND_COMMUNITIES", "Ożywione uczenie się w rodzinach i społecznościach"),
            Map.entry("BLOCK_LEARNING_FOR_AND_IN_THE_WORKPLACE", "Skuteczne uczenie się dla pracy i w miejscu pracy"),
            Map.entry("BLOCK_MODERN_LEARNING_TECHNOLOGIES", "Szersze wykorzystanie nowoczesnych technologii uczenia się"),
            Map.entry("BLOCK_QUALITY_IN_LEARNING", "Wyższa jakość uczenia się"),
            Map.entry("BLOCK_CULTURE_OF_LIFELONG_LEARNING", "Żywa kultura uczenia się przez całe życie"),
            Map.entry("CONDITION_POLITICAL_WILL_AND_COMMITMENT", "Silna wola polityczna i zaangażowanie"),
            Map.entry("CONDITION_GOVERNANCE_AND_PARTICIPATION", "Zarządzanie i udział wszystkich interesariuszy"),
            Map.entry("CONDITION_MOBILISATION_OF_RESOURCES", "Mobilizacja i wykorzystanie zasobów"),
            Map.entry("CHILDREN", "Dzieci"), Map.entry("YOUTH", "Młodzież"), Map.entry("PARENTS", "Rodzice"),
            Map.entry("ADULTS", "Dorośli"), Map.entry("EDUCATORS", "Edukatorzy"));
}
