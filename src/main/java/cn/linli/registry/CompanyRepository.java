package cn.linli.registry;

import org.springframework.data.repository.CrudRepository;

interface CompanyRepository extends CrudRepository<PropertyCompany, Long> {
}
