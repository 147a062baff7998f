/** Quality assurance: quality checks of images, human approval, and regeneration requests run through the job queue. */
package dev.genstore.qa;
