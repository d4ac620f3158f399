package coop.izek.project.projects.web;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.project.projects.Projects;
import coop.izek.support.web.PageResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Granted projects as the public, municipalities' sites and Learning City pages show them: no sign-in needed. */
@RestController
@RequestMapping("/api/projects/public")
@Validated
@SecurityRequirements
class PublicProjectController {

    private final Projects projects;

    PublicProjectController(Projects projects) {
        this.projects = projects;
    }

    @GetMapping
    PageResponse<Projects.PublicProject> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                                              @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return projects.published(page, size);
    }

    @GetMapping("/{id}")
    Projects.PublicProject get(@PathVariable String id) {
        return projects.published(id);
    }
}
